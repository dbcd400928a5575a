"""Avatars: one upload allowance with every other path, no animations, any file name.

Whatever is refused, the profile form comes back with what the member typed."""

import io
import os
import re

import pytest
from django.test import Client
from PIL import Image

from uploads.tests.helpers import animated, multipart, still

pytestmark = pytest.mark.django_db

EDIT = "/accounts/profile/edit/"
TYPED = {"display_name": "Zanele Dlamini", "bio": "Cyclist in Durban."}


@pytest.fixture
def member(make_member):
    return make_member("zanele")


@pytest.fixture
def client(member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    return client


def _kept(html):
    return 'value="Zanele Dlamini"' in html and "Cyclist in Durban." in html


def test_avatar_changes_past_the_upload_allowance_get_429_with_the_text_kept(
    client, member, settings
):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    for _ in range(2):
        assert client.post(EDIT, {**TYPED, "avatar": still()}).status_code == 302
    refused = client.post(EDIT, {"display_name": "New name", "bio": "B", "avatar": still()})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 23 * 3600  # the first change leaves the window in 24 h
    html = refused.content.decode()
    assert "You have sent as many pictures as we take in 24 hours (2)" in html
    assert 'value="New name"' in html  # what was typed is on the form again
    member.refresh_from_db()
    assert member.display_name == "Zanele Dlamini"  # and nothing was half-saved
    # Changing the name alone needs no allowance.
    assert client.post(EDIT, {"display_name": "New name", "bio": "B"}).status_code == 302


def test_gallery_pictures_and_avatars_share_the_allowance(client, settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    sent = client.post(
        "/galleries/submit/",
        {"caption": "Beach", "key": "e" * 32, "pictures": [still(), still("JPEG")]},
    )
    assert sent.status_code == 302
    refused = client.post(EDIT, {**TYPED, "avatar": still()})
    assert refused.status_code == 429 and refused["Retry-After"].isdigit()
    assert _kept(refused.content.decode())


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_an_animated_avatar_is_refused_with_the_text_kept(client, member, kind):
    response = client.post(EDIT, {**TYPED, "avatar": animated(kind)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Animated pictures aren&#x27;t accepted; send a still picture." in html
    assert _kept(html)
    member.refresh_from_db()
    assert not member.avatar


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_a_still_png_or_webp_avatar_is_accepted(client, member, kind):
    assert client.post(EDIT, {**TYPED, "avatar": still(kind)}).status_code == 302
    member.refresh_from_db()
    assert member.avatar and member.display_name == "Zanele Dlamini"


def test_a_1200_character_file_name_is_accepted_and_stored_under_herald_s_name(client, member):
    """Django's parser refused part headers over 1,024 bytes with its bare 400 page."""
    png = still().read()
    response = client.post(EDIT, **multipart(TYPED, [("avatar", "a" * 1200 + ".png", png)]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Zanele Dlamini" and member.bio == "Cyclist in Durban."
    assert re.fullmatch(r"avatars/[0-9a-f]{32}\.png", member.avatar.name)


def test_a_long_named_file_that_is_not_a_picture_gets_the_form_back(client):
    body = multipart(TYPED, [("avatar", "b" * 1200 + ".jpg", b"%PDF-1.4 not a picture")])
    response = client.post(EDIT, **body)
    html = response.content.decode()
    assert response.status_code == 200 and "not a picture we can read" in html
    assert _kept(html)


def test_a_large_file_with_a_long_made_up_extension_is_not_a_500(client, member, settings):
    """Django names the temporary file of a large upload after its extension: too long for
    the file system, unless Herald's upload handlers shortened the name first."""
    noise = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(noise, "PNG")
    assert noise.tell() > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    body = multipart(TYPED, [("avatar", "c." + "x" * 600, noise.getvalue())])
    assert client.post(EDIT, **body).status_code == 302
    member.refresh_from_db()
    assert member.avatar


def test_a_replaced_or_removed_avatar_is_purged_from_the_edge(client, member, monkeypatch):
    """Avatars are kept at CDNs for HERALD_AVATAR_MAX_AGE: the old face is purged at once."""
    from accounts import services

    purged = []
    monkeypatch.setattr(services, "media_purge_after_commit", purged.extend)
    client.post(EDIT, {**TYPED, "avatar": still("png")})
    member.refresh_from_db()
    first = member.avatar.name
    client.post(EDIT, {**TYPED, "avatar": still("webp")})
    member.refresh_from_db()
    assert purged == [first] and member.avatar.name != first
    client.post(EDIT, {**TYPED, "remove_avatar": "on"})
    assert purged[-1].startswith("avatars/") and len(purged) == 2
