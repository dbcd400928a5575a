"""An editor's own Account page in the admin saves: their display name and e-mail address, not
Wagtail's required first and last name, which had kept every account setting from saving."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

ACCOUNT = "/admin/account/"


def _typed(admin_user, **changes):
    return {
        "name_email-display_name": "Herald Desk",
        "name_email-email": admin_user.email,
        "theme-theme": "dark",
        "theme-density": "default",
        "theme-contrast": "system",
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        **changes,
    }


def test_account_page_asks_for_display_name_and_email(admin_client):
    html = admin_client.get(ACCOUNT).content.decode()
    assert 'name="name_email-display_name"' in html and 'name="name_email-email"' in html
    assert "first_name" not in html and "last_name" not in html


def test_an_editor_saves_their_settings_and_display_name(admin_client, admin_user):
    response = admin_client.post(ACCOUNT, _typed(admin_user))
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.display_name == "Herald Desk"
    assert admin_user.wagtail_userprofile.theme == "dark"


def test_another_accounts_address_is_refused_and_the_typing_kept(
    admin_client, admin_user, make_member
):
    make_member("taken")
    response = admin_client.post(
        ACCOUNT, _typed(admin_user, **{"name_email-email": "Taken@Example.com"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another account already uses Taken@example.com" in html
    assert 'value="Herald Desk"' in html
    admin_user.refresh_from_db()
    assert admin_user.display_name == ""


def _geotagged_jpeg():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # camera maker
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (33.0, 55.0, 0.0)  # Cape Town
    out = io.BytesIO()
    Image.new("RGB", (120, 90), "navy").save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


def test_an_editors_admin_picture_loses_its_location_before_anyone_sees_it(
    admin_client, admin_user
):
    response = admin_client.post(
        ACCOUNT, {**_typed(admin_user), "avatar-avatar": _geotagged_jpeg()}
    )
    assert response.status_code == 302
    avatar = UserProfile.get_for_user(admin_user).avatar
    with Image.open(avatar.open()) as saved:
        assert dict(saved.getexif()) == {}  # no GPS, no camera


def test_a_file_that_is_no_picture_is_refused_with_a_message(admin_client, admin_user):
    fake = SimpleUploadedFile("me.png", b"not a picture at all", content_type="image/png")
    response = admin_client.post(ACCOUNT, {**_typed(admin_user), "avatar-avatar": fake})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r'id="avatar-errors"[^>]*>\s*<p class="error-message">Upload a valid image', html
    )
    assert 'value="Herald Desk"' in html  # the rest of what was typed is kept
