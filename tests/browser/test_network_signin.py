"""One sign-in for the whole network, with the demo's two sites on unrelated domains.

A Herald server of its own whose sites are renamed ``news.example`` (the account home) and
``sport.example.net``; Chromium resolves both to loopback (``--host-resolver-rules``), so its
cookies are as separate as on the real web.
"""

import contextlib
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OIDC_CLIENT,
    OIDC_PROVIDER_ID,
    oidc_providers_setting,
)
from tests.oidc_provider.harness import run_oidc_provider
from tests.servers import free_port, manage, server_environment, start_server

NEWS, SPORT = "news.example", "sport.example.net"
PASSWORD = "a-long-pass-phrase-42"
RENAME = f"""
from wagtail.models import Site
for old, new in (("localhost", "{NEWS}"), ("sport.localhost", "{SPORT}")):
    site = Site.objects.get(hostname=old)
    site.hostname = new
    site.save()  # as the admin does: clears Wagtail's cached site root paths (in Redis, shared)
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
from accounts.services import profile_create
member = get_user_model().objects.create_user("naledi@example.com", "{PASSWORD}")
EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
profile_create(member=member, username="naledi", display_name="Naledi Dube")
"""


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """The server (with the loopback OpenID Connect provider where Node.js is there)."""
    var = tmp_path_factory.mktemp("network-var")
    port = free_port()
    with contextlib.ExitStack() as stack:
        callback = f"http://{NEWS}:{port}/accounts/oidc/{OIDC_PROVIDER_ID}/login/callback/"
        try:
            issuer = stack.enter_context(run_oidc_provider(*OIDC_CLIENT, [callback]))
        except pytest.skip.Exception:
            issuer = None
        extra = {"ALLOWED_HOSTS": f"{NEWS},{SPORT},localhost,127.0.0.1"}
        if issuer:
            extra["HERALD_OIDC_PROVIDERS"] = oidc_providers_setting(issuer)
        environment = server_environment(var, stack, port=port, articles=20, **extra)
        manage(environment, "shell", "-c", RENAME)
        start_server(environment, stack, port=port, log_path=var / "server.log")
        yield {"news": f"http://{NEWS}:{port}", "sport": f"http://{SPORT}:{port}", "oidc": issuer}


@pytest.fixture(scope="module")
def mapped_browser(browser_type, browser_type_launch_args):
    rules = f"MAP {NEWS} 127.0.0.1, MAP {SPORT} 127.0.0.1"
    browser = browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            f"--host-resolver-rules={rules}",
            "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
        ],
    )
    yield browser
    browser.close()


def _menu(page):
    return page.locator("#user-menu")


def test_sign_in_on_one_site_read_the_other_signed_in_sign_out_there(network, mapped_browser):
    page = mapped_browser.new_context().new_page()
    page.goto(network["sport"] + "/")
    expect(_menu(page)).to_contain_text("Sign in")
    _menu(page).get_by_role("link", name="Sign in").click()

    # Signing in happens at the account home, on its own domain.
    expect(page).to_have_url(re.compile(rf"^http://{re.escape(NEWS)}:\d+/accounts/login/"))
    page.locator("input[name=login]").fill("naledi@example.com")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("Sign In", re.I)).click()

    # Back on the sport site's front page, signed in there, the message shown there.
    expect(page).to_have_url(re.compile(rf"^http://{re.escape(SPORT)}:\d+/(\?flash)?$"))
    expect(_menu(page)).to_contain_text("Naledi Dube")
    expect(page.locator(".messages")).to_contain_text("Successfully signed in")

    # The home is signed in too, without typing anything.
    page.goto(network["news"] + "/")
    expect(_menu(page)).to_contain_text("Naledi Dube")
    page.goto(network["news"] + "/accounts/sessions/")
    expect(page.locator("table")).to_contain_text("Herald Sport")
    expect(page.locator("table")).to_contain_text("Herald News")

    # Signing out on the sport site signs out on the home as well.
    page.goto(network["sport"] + "/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign Out", re.I)).click()
    page.goto(network["news"] + "/")
    expect(_menu(page)).to_contain_text("Sign in")
    page.goto(network["sport"] + "/")
    expect(_menu(page)).to_contain_text("Sign in")


def test_signed_in_at_the_home_a_click_on_sign_in_elsewhere_needs_no_password(
    network, mapped_browser
):
    context = mapped_browser.new_context()
    page = context.new_page()
    page.goto(network["news"] + "/accounts/login/")
    page.locator("input[name=login]").fill("naledi@example.com")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(_menu(page)).to_contain_text("Naledi Dube")
    page.goto(network["sport"] + "/")
    expect(_menu(page)).to_contain_text("Naledi Dube")  # the chain signed it in at once

    # The sport site's cookies are gone (they expired, say); the home's session stays.
    context.clear_cookies(domain=SPORT)
    page.goto(network["sport"] + "/")
    page.locator("main article a[href]").first.click()
    story = page.url
    expect(_menu(page)).to_contain_text("Sign in")
    _menu(page).get_by_role("link", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(story.split("?")[0]) + r"(\?flash)?$"))
    expect(_menu(page)).to_contain_text("Naledi Dube")  # no password asked
    context.close()


def test_sign_in_through_openid_connect_from_the_other_site(network, mapped_browser):
    if network["oidc"] is None:
        pytest.skip("Node.js is not installed: no OpenID Connect provider to sign in with")
    page = mapped_browser.new_context().new_page()
    page.goto(network["sport"] + "/")
    _menu(page).get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Test IdP").click()
    page.get_by_role("button", name="Continue").click()  # allauth: confirm leaving for the IdP
    page.locator("input[name=login]").fill("zodwa")
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent screen

    expect(page).to_have_url(re.compile(rf"^http://{re.escape(NEWS)}:\d+/accounts/profile/create/"))
    page.get_by_label("Username").fill("zodwa")
    page.get_by_label("Display name").fill("Zodwa K")
    page.get_by_role("button", name="Create profile").click()

    expect(page).to_have_url(re.compile(rf"^http://{re.escape(SPORT)}:\d+/"))
    expect(_menu(page)).to_contain_text("Zodwa K")
    page.goto(network["news"] + "/")
    expect(_menu(page)).to_contain_text("Zodwa K")
