"""The admin never asks gravatar.com unless an operator turns it on: a member's picture, or
their initials, stand beside their name."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile

from uploads.tests.helpers import still

pytestmark = pytest.mark.django_db

PAGES = ["/admin/", "/admin/users/", "/admin/account/"]


@pytest.fixture
def member(make_member):
    return make_member("nomsa_k")


@pytest.mark.parametrize("path", PAGES)
def test_admin_pages_load_no_avatar_from_gravatar(admin_client, member, path):
    html = admin_client.get(path).content.decode()
    assert "gravatar" not in html


def test_a_member_without_a_picture_is_shown_by_initials(admin_client, member):
    html = unquote(admin_client.get("/admin/users/", {"q": "nomsa"}).content.decode())
    assert "data:image/svg+xml" in html
    assert ">NK</text>" in html


def test_a_members_profile_picture_is_their_admin_avatar(admin_client, member):
    member.avatar.save("nomsa.png", ContentFile(still().read()), save=True)
    html = admin_client.get("/admin/users/", {"q": "nomsa"}).content.decode()
    assert f'src="{member.avatar.url}"' in html


def test_an_operator_can_turn_gravatar_on(admin_client, member, settings):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "https://avatars.example.org/avatar"
    html = admin_client.get("/admin/users/", {"q": "nomsa"}).content.decode()
    assert "https://avatars.example.org/avatar/" in html
