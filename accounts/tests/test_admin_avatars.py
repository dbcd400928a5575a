"""The admin never asks gravatar.com unless an operator turns it on: a member's picture, or
their initials, stand beside their name."""

import json
import os
import subprocess
import sys
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


def _settings_with(environment):
    script = (
        "import json; from django.conf import settings; print(json.dumps("
        "[settings.WAGTAIL_GRAVATAR_PROVIDER_URL, settings.SECURE_CSP['img-src']]))"
    )
    env = {key: value for key, value in os.environ.items() if key != "HERALD_GRAVATAR_URL"}
    env.update(DJANGO_SETTINGS_MODULE="herald.settings.test", **environment)
    out = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_gravatar_is_off_unless_herald_gravatar_url_names_a_service_then_csp_allows_it():
    assert _settings_with({}) == [None, ["'self'", "data:"]]
    url = "https://avatars.example.org/avatar"
    assert _settings_with({"HERALD_GRAVATAR_URL": url}) == [
        url,
        ["'self'", "data:", "https://avatars.example.org"],
    ]
