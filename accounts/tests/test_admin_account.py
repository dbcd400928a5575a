"""An editor's own Account page in the admin saves: their display name and e-mail address, not
Wagtail's required first and last name, which had kept every account setting from saving."""

import pytest

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
