"""Story and gallery pictures: one upload allowance with avatars, no animations, any file
name. Whatever is refused, the form comes back with what the member typed."""

import uuid

import pytest

from community.models import ReaderPicture, ReaderStoryPage
from uploads.tests.helpers import animated, multipart, still

from .conftest import words

pytestmark = pytest.mark.django_db

GALLERY = {"caption": "Flooded road in Umlazi", "credit": "Sipho", "album": "Floods"}


def _story(key=None, **extra):
    return {
        "title": "Water is back in Umlazi",
        "body": words(40),
        "tags": "Water",
        "key": str(key or uuid.uuid4()),
        "action": "draft",
        **extra,
    }


def _gallery_kept(html):
    return all(f'value="{value}"' in html for value in GALLERY.values())


# The allowance -------------------------------------------------------------------------------


def test_gallery_pictures_past_the_allowance_get_429_retry_after_and_the_form_kept(
    member_client, member, settings
):
    settings.HERALD_UPLOAD_ALLOWANCE = 3
    member_client.post("/accounts/profile/edit/", {"display_name": "Z", "avatar": still()})
    first = member_client.post(
        "/galleries/submit/", {**GALLERY, "key": "1" * 32, "pictures": [still(), still("JPEG")]}
    )
    assert first.status_code == 302  # the avatar and these two: three of three
    refused = member_client.post(
        "/galleries/submit/", {**GALLERY, "key": "2" * 32, "pictures": [still()]}
    )
    assert refused.status_code == 429
    assert 23 * 3600 < int(refused["Retry-After"]) <= 24 * 3600
    html = refused.content.decode()
    assert "You have sent as many pictures as we take in 24 hours (3)" in html
    assert _gallery_kept(html)
    assert ReaderPicture.objects.filter(contributor=member).count() == 2
    # The first form sent again stores nothing new and is not counted again.
    again = member_client.post(
        "/galleries/submit/", {**GALLERY, "key": "1" * 32, "pictures": [still(), still("JPEG")]}
    )
    assert again.status_code == 302


def test_more_gallery_pictures_than_are_left_are_refused_whole(member_client, member, settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    refused = member_client.post(
        "/galleries/submit/",
        {**GALLERY, "key": "3" * 32, "pictures": [still(), still("JPEG"), still("WEBP")]},
    )
    assert refused.status_code == 429 and refused["Retry-After"] == str(24 * 3600)
    assert "at most 2 pictures in 24 hours; send fewer at a time" in refused.content.decode()
    assert not ReaderPicture.objects.filter(contributor=member).exists()


def test_story_pictures_past_the_allowance_get_429_and_the_text_is_kept_and_saved(
    member_client, member, settings
):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    member_client.post(
        "/galleries/submit/", {**GALLERY, "key": "4" * 32, "pictures": [still(), still("JPEG")]}
    )
    refused = member_client.post("/mynews/submit/", _story(pictures=[still("WEBP")]))
    assert refused.status_code == 429 and refused["Retry-After"].isdigit()
    html = refused.content.decode()
    assert "as many pictures as we take in 24 hours (2)" in html
    assert "Your story is saved as a draft, without these pictures" in html
    assert 'value="Water is back in Umlazi"' in html and "Residents of the valley" in html
    story = ReaderStoryPage.objects.get(contributor=member)
    assert story.title == "Water is back in Umlazi" and not story.pictures.exists()
    assert f'action="/mynews/mine/{story.pk}/"' in html  # sent again, it edits this draft


def test_story_pictures_use_the_allowance_an_avatar_then_needs(member_client, settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    sent = member_client.post("/mynews/submit/", _story(pictures=[still(), still("JPEG")]))
    assert sent.status_code == 302
    refused = member_client.post(
        "/accounts/profile/edit/", {"display_name": "Zanele D", "bio": "", "avatar": still()}
    )
    assert refused.status_code == 429 and refused["Retry-After"].isdigit()
    assert 'value="Zanele D"' in refused.content.decode()


# Animated pictures ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_animated_gallery_pictures_are_refused_by_name_and_still_ones_kept(
    member_client, member, kind
):
    moving = animated(kind, name=f"dancing.{kind.lower()}")
    response = member_client.post(
        "/galleries/submit/",
        {**GALLERY, "key": "5" * 32, "pictures": [moving, still(kind, name="calm")]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        f"dancing.{kind.lower()}</strong>: Animated pictures aren&#x27;t accepted; send a still "
        "picture." in html
    )
    assert "1 picture sent to the editors" in html and _gallery_kept(html)
    assert ReaderPicture.objects.filter(contributor=member).count() == 1


def test_an_animated_story_picture_is_refused_by_name_with_the_text_kept(member_client, member):
    response = member_client.post("/mynews/submit/", _story(pictures=[animated("PNG")]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "moving.png</strong>: Animated pictures aren&#x27;t accepted" in html
    assert "Residents of the valley" in html
    assert not ReaderStoryPage.objects.get(contributor=member).pictures.exists()


# Long file names -----------------------------------------------------------------------------


def test_a_gallery_picture_with_a_1200_character_name_is_stored(member_client, member):
    body = multipart({**GALLERY, "key": "6" * 32}, [("pictures", "p" * 1200 + ".png", _png())])
    assert member_client.post("/galleries/submit/", **body).status_code == 302
    picture = ReaderPicture.objects.get(contributor=member)
    assert picture.caption == GALLERY["caption"] and "ppp" not in picture.image.file.name


def test_a_long_named_bad_gallery_file_is_named_short_with_the_form_kept(member_client):
    body = multipart(
        {**GALLERY, "key": "7" * 32}, [("pictures", "q" * 1200 + ".jpg", b"not a picture")]
    )
    response = member_client.post("/galleries/submit/", **body)
    html = response.content.decode()
    assert response.status_code == 400 and _gallery_kept(html)
    assert f"<strong>{'q' * 75}….jpg</strong>: This file is not a picture we can read" in html


def test_a_story_picture_with_a_1200_character_name_is_kept_with_the_text(member_client, member):
    body = multipart(_story(), [("pictures", "r" * 1200 + ".png", _png())])
    assert member_client.post("/mynews/submit/", **body).status_code == 302
    story = ReaderStoryPage.objects.get(contributor=member)
    assert story.title == "Water is back in Umlazi" and story.pictures.count() == 1


def _png():
    return still().read()
