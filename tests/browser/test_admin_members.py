"""An administrator edits a member under Settings → Users: the display name and e-mail are the
fields, the username is shown, a refused address keeps what was typed, and a save is saved."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in

WIDTHS = (1280, 390)


@pytest.fixture
def shots(tmp_path):
    """Where the screenshots of the pages go (HERALD_SCREENSHOTS, to keep them)."""
    folder = Path(os.environ.get("HERALD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _screenshots(browser, herald_server, path, name, folder):
    for width in WIDTHS:
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        admin_sign_in(page, herald_server)
        page.goto(herald_server.url + path)
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
        page.context.close()


def test_admin_changes_a_members_display_name_and_sees_it_saved(browser, herald_server, shots):
    admin = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    admin_sign_in(admin, herald_server)
    admin.get_by_role("button", name="Settings").click()
    admin.get_by_role("link", name="Users").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Users")
    admin.get_by_role("textbox", name="Search term").fill("thandi")
    admin.keyboard.press("Enter")
    row = admin.locator("tbody tr", has_text="thandi_m")
    expect(row.locator("td.username")).to_have_text("thandi_m")
    row.get_by_role("link", name="Thandi Mokoena").click()

    expect(admin.locator("#member-username")).to_have_text("thandi_m")  # shown, not an input
    expect(admin.get_by_label("First Name")).to_have_count(0)
    name = admin.get_by_label("Display name")
    expect(name).to_have_value("Thandi Mokoena")
    edit_path = admin.url.removeprefix(herald_server.url)

    # Another account's address is refused, and what was typed stays on the form.
    name.fill("Thandi M. Mokoena-Dube")
    admin.get_by_label("E-mail address").fill("ADMIN@localhost")
    admin.get_by_role("button", name="Save").click()
    expect(admin.locator(".error-message").first).to_contain_text("Another account already uses")
    expect(admin.get_by_label("Display name")).to_have_value("Thandi M. Mokoena-Dube")
    admin.screenshot(path=shots / "member-edit-refused-1280.png", full_page=True)

    admin.get_by_label("E-mail address").fill("thandi.mokoena@example.org")
    admin.get_by_role("button", name="Save").click()
    expect(admin.locator(".messages")).to_contain_text("User 'thandi_m' updated.")
    expect(admin.locator("tbody tr", has_text="thandi_m")).to_contain_text("Thandi M. Mokoena-Dube")
    assert "gravatar" not in admin.content()

    admin.goto(herald_server.url + edit_path)
    expect(admin.get_by_label("Display name")).to_have_value("Thandi M. Mokoena-Dube")
    expect(admin.get_by_label("E-mail address")).to_have_value("thandi.mokoena@example.org")
    admin.goto(herald_server.url + "/profile/thandi_m/")
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Thandi M. Mokoena-Dube")

    # The pages as editors see them, wide and narrow.
    pages = [("/admin/users/", "users"), (edit_path, "member-edit"), ("/admin/account/", "account")]
    for path, shot in pages:
        _screenshots(browser, herald_server, path, shot, shots)
