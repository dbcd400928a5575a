"""Joining the network as a person would: by e-mail, or through an OpenID Connect provider."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in


def _confirmation_link(mail_dir, address, timeout=10):
    """Read the newest confirmation mail for ``address`` from the plain-text copies in the
    server's mail folder, as the README tells newcomers to (notifications/mailfiles.py)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        newest_first = sorted(mail_dir.glob("*.txt"), key=lambda p: p.stat().st_mtime)[::-1]
        for path in newest_first:
            text = path.read_text(encoding="utf-8")
            if f"\nTo: {address}\n" in text and "confirm-email" in text:
                return re.search(r"http://\S+/accounts/confirm-email/\S+/", text).group(0)
        time.sleep(0.2)
    raise AssertionError(f"no confirmation mail for {address} in {mail_dir}")


def test_sign_up_verify_create_profile_and_see_it_on_both_sites(page, herald_server, sport_url):
    news = herald_server.url
    page.goto(news + "/")
    page.locator("#user-menu").get_by_role("link", name="Join").click()
    page.get_by_label("Email:").fill("lindiwe@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-pass-phrase-42")
    page.get_by_label("Password (again):").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    page.goto(_confirmation_link(herald_server.var / "mail", "lindiwe@example.com"))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create your profile")
    expect(page.locator(".help").first).to_contain_text("cannot be edited")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Display name").fill("Lindiwe Zulu")
    page.get_by_role("button", name="Create profile").click()
    expect(page.locator(".error")).to_contain_text("reserved")
    expect(page.get_by_label("Display name")).to_have_value("Lindiwe Zulu")  # kept
    page.get_by_label("Username").fill("lindiwe_z")
    page.get_by_role("button", name="Create profile").click()

    expect(page).to_have_url(re.compile(r"/profile/lindiwe_z/(\?flash)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lindiwe Zulu")
    expect(page.locator(".messages")).to_contain_text("Welcome, Lindiwe Zulu!")  # shown here
    expect(page.locator("#user-menu")).to_contain_text("Lindiwe Zulu")  # the private menu

    page.goto(sport_url + "/profile/lindiwe_z/")
    expect(page.locator(".brand")).to_have_text("Herald Sport")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lindiwe Zulu")
    expect(page.locator("link[rel=canonical]")).to_have_attribute(
        "href", re.compile(r"//localhost:\d+/profile/lindiwe_z/$")
    )


def test_sign_in_through_a_real_openid_connect_provider(browser, herald_server):
    if herald_server.oidc_issuer is None:
        pytest.skip("Node.js is not installed: no OpenID Connect provider to sign in with")
    context = browser.new_context()
    page = context.new_page()
    page.goto(herald_server.url + "/accounts/login/")
    page.get_by_role("link", name="Test IdP").click()
    page.get_by_role("button", name="Continue").click()  # allauth: confirm leaving for the IdP

    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/"))
    page.locator("input[name=login]").fill("nomvula")
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent screen

    expect(page).to_have_url(re.compile(r"/accounts/profile/create/"))
    page.get_by_label("Username").fill("nomvula")
    page.get_by_label("Display name").fill("Nomvula M")
    page.get_by_role("button", name="Create profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nomvula M")
    context.close()


def _join(page, herald_server, address, username, name):
    page.goto(herald_server.url + "/accounts/signup/")
    page.get_by_label("Email:").fill(address)
    page.get_by_label("Password:", exact=True).fill("a-long-pass-phrase-42")
    page.get_by_label("Password (again):").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.goto(_confirmation_link(herald_server.var / "mail", address))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill(name)
    page.get_by_role("button", name="Create profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_member_edits_profile_downloads_data_and_deletes_account(page, herald_server, tmp_path):
    import io
    import json

    from PIL import Image

    _join(page, herald_server, "kagiso@example.com", "kagiso", "Kagiso")
    page.locator("#user-menu").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Edit your profile").click()
    page.get_by_label("Display name").fill("Kagiso Molefe")
    page.get_by_label("Bio").fill("Cyclist and commuter in Gqeberha.")
    picture = tmp_path / "me.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, "JPEG")
    picture.write_bytes(buffer.getvalue())
    page.get_by_label("Avatar").set_input_files(str(picture))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("Your profile is saved")
    expect(page.locator("img.avatar")).to_be_visible()

    page.goto(herald_server.url + "/profile/kagiso/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kagiso Molefe")
    expect(page.locator(".profile .intro")).to_have_text("Cyclist and commuter in Gqeberha.")

    page.goto(herald_server.url + "/accounts/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(open(download.value.path()).read())
    assert data["account"]["username"] == "kagiso"
    assert data["account"]["display_name"] == "Kagiso Molefe"

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")  # password again
    page.get_by_label("Password:").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Remove everything I wrote").check()
    page.get_by_label("Confirm").fill("delete")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".error")).to_contain_text("Type DELETE")
    page.get_by_label("Confirm").fill("DELETE")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    assert page.goto(herald_server.url + "/profile/kagiso/").status == 404


def test_moderator_suspends_a_member_who_then_sees_why(browser, herald_server):
    member_page = browser.new_context().new_page()
    _join(member_page, herald_server, "vusi@example.com", "vusi", "Vusi")

    desk = browser.new_context().new_page()
    admin_sign_in(desk, herald_server)
    desk.goto(herald_server.url + "/admin/suspensions/new/")
    desk.get_by_label("Member").select_option(label="vusi")
    desk.get_by_label("Reason").fill("Posting other people's addresses")
    desk.get_by_role("button", name="Create").click()
    expect(desk.get_by_text("Posting other people's addresses")).to_be_visible()

    member_page.goto(herald_server.url + "/accounts/data/")
    expect(member_page.locator(".notice")).to_contain_text("You are suspended for good")
    expect(member_page.locator(".notice")).to_contain_text("Posting other people's addresses")
    member_page.goto(herald_server.url + "/profile/vusi/")
    expect(member_page.locator(".notice")).to_contain_text("suspended for good")


def test_signing_out_drops_the_sign_in_hint_so_pages_stop_asking_for_a_menu(page, herald_server):
    _join(page, herald_server, "thandeka@example.com", "thandeka", "Thandeka")

    def hint(host="localhost"):
        cookies = page.context.cookies()
        return [c for c in cookies if c["name"] == "herald_signed_in" and c["domain"] == host]

    assert hint()  # set at sign-in: the page script fetches the personal menu
    page.locator("#user-menu").get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    assert hint() == []
    menu_requests = []
    page.on("request", lambda r: menu_requests.append(r.url) if "/accounts/menu/" in r.url else 0)
    page.goto(herald_server.url + "/")
    expect(page.locator("#user-menu").get_by_role("link", name="Sign in")).to_be_visible()
    page.wait_for_timeout(500)
    assert menu_requests == []  # a signed-out reader's pages cost no extra request

    # The sport site (signed in by the network sign-in, signed out with it on the server)
    # still holds its own hint: its next page asks once, learns, and drops it.
    sport = herald_server.url.replace("//localhost", "//sport.localhost")
    assert hint("sport.localhost")
    page.goto(sport + "/")
    expect(page.locator("#user-menu").get_by_role("link", name="Sign in")).to_be_visible()
    page.wait_for_timeout(500)
    assert hint("sport.localhost") == []
