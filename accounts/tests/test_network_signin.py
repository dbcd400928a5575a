"""One sign-in for the whole network: tickets from the account home (localhost) to the sport
site (sport.localhost), which in the tests' network does not share its session cookie.

A browser keeps cookies per host, so each "browser" here is one test client per host, and its
redirects are followed by hand across hosts.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client

from accounts.models import NetworkTicket, SiteSession

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-7"


class Browser:
    """Cookies kept per host, as a browser keeps them; redirects followed across hosts."""

    def __init__(self, agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 Safari/537.36"):
        self.clients = {}
        self.agent = agent
        self.visited = []

    def client(self, host):
        return self.clients.setdefault(host, Client(HTTP_USER_AGENT=self.agent))

    def request(self, method, url, data=None, follow=True):
        for _ in range(20):
            parts = urlsplit(url)
            host = parts.netloc or "localhost"
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            client = self.client(host)
            send = client.post if method == "POST" else client.get
            response = send(path, data or {}, HTTP_HOST=host)
            self.visited.append((host, path, response.status_code))
            if not follow or response.status_code not in (301, 302, 303):
                response.final_url = f"http://{host}{path}"
                return response
            location = response["Location"]
            url = location if "://" in location else f"http://{host}{location}"
            method, data = "GET", None
        raise AssertionError(f"redirect loop: {self.visited}")

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, data, **kwargs):
        return self.request("POST", url, data, **kwargs)

    def menu(self, host):
        return self.get(f"http://{host}/accounts/menu/").content.decode()

    def sign_in_at_home(self, email, next_path="/"):
        return self.post(
            f"http://localhost/accounts/login/?next={next_path}",
            {"login": email, "password": PASSWORD},
        )


@pytest.fixture
def member(make_member):
    member = make_member("thandi")
    member.set_password(PASSWORD)
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def _signed_in(browser, host, member):
    return member.display_name in browser.menu(host)


def test_signing_in_at_the_home_signs_in_on_the_other_site_at_once(member):
    browser = Browser()
    page = browser.sign_in_at_home(member.email, "/news/")
    assert page.final_url == "http://localhost/news/?flash"  # "Successfully signed in" shows
    hosts = [host for host, _path, _status in browser.visited]
    assert "sport.localhost" in hosts  # the chain passed through the sport site
    assert _signed_in(browser, "localhost", member)
    assert _signed_in(browser, "sport.localhost", member)
    sessions = SiteSession.objects.filter(member=member)
    assert {s.site.hostname for s in sessions} == {"localhost", "sport.localhost"}
    assert len({s.group for s in sessions}) == 1  # one browser
    assert {s.device for s in sessions} == {"Chrome on Linux"}


def test_sign_in_on_another_site_when_signed_in_at_the_home_needs_no_password(member, sport_site):
    browser = Browser()
    home = browser.client("localhost")
    home.force_login(member)
    assert not _signed_in(browser, "sport.localhost", member)

    page = browser.get("http://sport.localhost/accounts/login/?next=/rugby/")
    assert page.final_url == "http://sport.localhost/rugby/"  # no message to show
    assert _signed_in(browser, "sport.localhost", member)
    assert not mail.outbox  # redeeming a ticket sends nothing
    assert "Successfully signed in" not in page.content.decode()


def test_sign_in_from_another_site_happens_at_the_home_and_returns_there(member):
    browser = Browser()
    login = browser.get("http://sport.localhost/accounts/login/?next=/rugby/")
    assert login.final_url.startswith("http://localhost/accounts/login/?next=")
    assert "Sign In" in login.content.decode()

    next_path = parse_qs(urlsplit(login.final_url).query)["next"][0]
    page = browser.post(
        f"http://localhost/accounts/login/?next={next_path}",
        {"login": member.email, "password": PASSWORD, "next": next_path},
    )
    assert urlsplit(page.final_url).netloc == "sport.localhost"
    assert urlsplit(page.final_url).path == "/rugby/"
    assert "Successfully signed in" in page.content.decode()  # shown where they arrive, once
    assert _signed_in(browser, "sport.localhost", member)
    assert _signed_in(browser, "localhost", member)
    home_page = browser.get("http://localhost/accounts/menu/")
    assert "Successfully signed in" not in home_page.content.decode()


def test_joining_from_another_site_joins_at_the_home(db):
    browser = Browser()
    join = browser.get("http://sport.localhost/accounts/signup/?next=/rugby/")
    assert join.final_url.startswith("http://localhost/accounts/signup/?next=")
    assert "Sign Up" in join.content.decode()


def test_signing_out_on_either_site_signs_out_everywhere(member):
    for where in ("sport.localhost", "localhost"):
        browser = Browser()
        browser.sign_in_at_home(member.email)
        assert _signed_in(browser, "sport.localhost", member)
        browser.post(f"http://{where}/accounts/logout/", {})
        assert not _signed_in(browser, "localhost", member), where
        assert not _signed_in(browser, "sport.localhost", member), where


def test_signing_out_one_browser_leaves_the_members_other_browsers(member):
    laptop, phone = Browser(), Browser(agent="Mozilla/5.0 (iPhone) Safari/604.1")
    laptop.sign_in_at_home(member.email)
    phone.sign_in_at_home(member.email)
    laptop.post("http://sport.localhost/accounts/logout/", {})
    assert not _signed_in(laptop, "localhost", member)
    assert _signed_in(phone, "localhost", member)
    assert _signed_in(phone, "sport.localhost", member)


def test_a_password_change_ends_the_other_sessions_on_every_site(member):
    laptop, phone = Browser(), Browser()
    laptop.sign_in_at_home(member.email)
    phone.sign_in_at_home(member.email)
    new = "another-long-pass-phrase-9"
    laptop.post(
        "http://localhost/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert _signed_in(laptop, "localhost", member)  # the browser that changed it stays
    assert not _signed_in(phone, "localhost", member)
    assert not _signed_in(phone, "sport.localhost", member)
    assert not _signed_in(laptop, "sport.localhost", member)


def test_deleting_the_account_signs_out_on_every_site(member):
    browser = Browser()
    browser.sign_in_at_home(member.email)
    browser.post("http://localhost/accounts/reauthenticate/", {"password": PASSWORD})
    done = browser.post(
        "http://localhost/accounts/delete/", {"contributions": "anonymise", "confirm": "DELETE"}
    )
    assert "Your account is deleted" in done.content.decode()
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert "Sign in" in browser.menu("sport.localhost")


def _ticket_for(member, browser=None, next_url="http://sport.localhost/rugby/"):
    """Start a sign-in on the sport site in ``browser`` and stop at the redeem address."""
    browser = browser or Browser()
    browser.client("localhost").force_login(member)
    begin = browser.get(
        f"http://sport.localhost/accounts/network/begin/?next={next_url}", follow=False
    )
    authorize = browser.get(begin["Location"], follow=False)
    assert authorize.status_code == 302, authorize.content
    assert authorize["Referrer-Policy"] == "no-referrer"
    assert authorize["Location"].startswith("http://sport.localhost/accounts/network/redeem/")
    return browser, authorize["Location"]


def test_the_state_cookie_is_first_party_http_only_and_lax(member):
    browser = Browser()
    begin = browser.get("http://sport.localhost/accounts/network/begin/?next=/", follow=False)
    cookie = begin.cookies["herald_network_state"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/accounts/network/" and not cookie["domain"]
    assert begin["Location"].startswith("http://localhost/accounts/network/authorize/")
    assert begin["Referrer-Policy"] == "no-referrer"


def test_a_ticket_works_once(member):
    browser, redeem = _ticket_for(member)
    first = browser.get(redeem, follow=False)
    assert first.status_code == 302 and first["Location"] == "/rugby/"
    assert first["Referrer-Policy"] == "no-referrer"
    again = browser.get(redeem, follow=False)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_a_replayed_ticket_in_another_browser_signs_nobody_in(member):
    _browser, redeem = _ticket_for(member)
    attacker = Browser()
    response = attacker.get(redeem, follow=False)
    assert response.status_code == 400
    assert "not started in this browser" in response.content.decode()
    assert not _signed_in(attacker, "sport.localhost", member)


def test_nobody_can_be_signed_in_to_an_attackers_account(member, make_member):
    """Login CSRF: the attacker gets a ticket for their own account and sends it to a victim,
    whose browser holds a state of its own (or none)."""
    attacker_account = make_member("mallory")
    _attacker, redeem = _ticket_for(attacker_account)
    victim = Browser()
    victim.get("http://sport.localhost/accounts/network/begin/?next=/", follow=False)
    response = victim.get(redeem, follow=False)
    assert response.status_code == 400
    assert "not started in this browser" in response.content.decode()
    assert "Sign in" in victim.menu("sport.localhost")
    # The ticket is spent: not even the attacker's own browser can use it now.
    assert NetworkTicket.objects.get().used_at is not None


def test_an_expired_ticket_signs_nobody_in(member, monkeypatch):
    browser, redeem = _ticket_for(member)
    later = time.time() + 61
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = browser.get(redeem, follow=False)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert "Sign in" in browser.menu("sport.localhost")


def test_a_tampered_ticket_signs_nobody_in(member):
    browser, redeem = _ticket_for(member)
    tampered = redeem[:-3] + ("AAA" if not redeem.endswith("AAA") else "BBB")
    response = browser.get(tampered, follow=False)
    assert response.status_code == 400
    assert "not made by this network" in response.content.decode()
    assert "Sign in" in browser.menu("sport.localhost")


def test_a_ticket_is_bound_to_the_site_it_was_made_for(member):
    browser, redeem = _ticket_for(member)
    elsewhere = redeem.replace("http://sport.localhost", "http://localhost")
    browser.client("localhost").logout()
    response = browser.get(elsewhere, follow=False)
    assert response.status_code == 400
    assert "made for another site" in response.content.decode()


def test_return_addresses_stay_on_the_network(member):
    browser = Browser()
    browser.client("localhost").force_login(member)
    begin = browser.get(
        "http://sport.localhost/accounts/network/begin/?next=https://evil.example/x",
        follow=False,
    )
    # Off the network, the return address falls back to the site's front page.
    assert "evil.example" not in begin["Location"]
    page = browser.get(begin["Location"])
    assert page.final_url.startswith("http://sport.localhost/")

    forged = browser.get(
        "http://localhost/accounts/network/authorize/?site=2&state=abcdefghijklmnopqrstuvwx"
        "&next=https://evil.example/",
        follow=False,
    )
    assert forged.status_code == 400
    assert "off the network" in forged.content.decode() or "not a site" in forged.content.decode()


def test_authorize_refuses_what_is_not_a_network_site(member, news_site):
    browser = Browser()
    browser.client("localhost").force_login(member)
    for query in (
        "site=999&state=abcdefghijklmnopqrstuvwx&next=/",
        f"site={news_site.pk}&state=abcdefghijklmnopqrstuvwx&next=/",
        "site=abc&state=x&next=/",
    ):
        response = browser.get(f"http://localhost/accounts/network/authorize/?{query}")
        assert response.status_code == 400, query


def test_authorize_is_only_at_the_home(member, sport_site):
    browser = Browser()
    url = (
        f"http://sport.localhost/accounts/network/authorize/?site={sport_site.pk}"
        "&state=abcdefghijklmnopqrstuvwx&next=/"
    )
    assert browser.get(url).status_code == 400


def test_anonymous_readers_are_never_bounced(db):
    browser = Browser()
    for url in ("http://sport.localhost/", "http://localhost/"):
        response = browser.get(url, follow=False)
        assert response.status_code == 200
        assert not response.cookies  # nothing set, nothing to vary on


def test_sessions_page_lists_every_site_and_ends_one(member):
    laptop, phone = Browser(), Browser(agent="Mozilla/5.0 (iPhone) Version/18 Safari/604.1")
    laptop.sign_in_at_home(member.email)
    phone.sign_in_at_home(member.email)
    page = laptop.get("http://localhost/accounts/sessions/").content.decode()
    assert page.count("<td>Herald Sport") == 2 and page.count("<td>Herald News") == 2
    assert "Safari on iPhone" in page and "Chrome on Linux" in page
    assert "(this browser, here)" in page

    phone_sport = SiteSession.objects.get(
        member=member, site__hostname="sport.localhost", device="Safari on iPhone"
    )
    ended = laptop.post(f"http://localhost/accounts/sessions/{phone_sport.pk}/end/", {})
    assert "Signed out on Herald Sport (Safari on iPhone)" in ended.content.decode()
    assert not _signed_in(phone, "sport.localhost", member)
    assert _signed_in(phone, "localhost", member)

    laptop.post("http://localhost/accounts/sessions/end-others/", {})
    assert not _signed_in(phone, "localhost", member)
    assert _signed_in(laptop, "localhost", member)


def test_a_member_cannot_end_anothers_session(member, make_member):
    other = Browser()
    other.client("localhost").force_login(make_member("sipho"))
    mine = Browser()
    mine.sign_in_at_home(member.email)
    row = SiteSession.objects.filter(member=member).first()
    response = other.post(f"http://localhost/accounts/sessions/{row.pk}/end/", {})
    assert response.status_code == 404
    assert _signed_in(mine, "localhost", member)


def test_with_a_shared_cookie_domain_no_ticket_is_needed(member, settings):
    settings.SESSION_COOKIE_DOMAIN = ".localhost"
    browser = Browser()
    page = browser.sign_in_at_home(member.email, "/news/")
    assert all(host == "localhost" for host, _path, _status in browser.visited)
    assert page.final_url == "http://localhost/news/?flash"


def test_last_seen_follows_private_requests_only(member, settings):
    settings.HERALD_SESSION_SEEN_SECONDS = 0
    browser = Browser()
    browser.sign_in_at_home(member.email)
    row = SiteSession.objects.get(member=member, site__hostname="localhost")
    before = row.last_seen_at
    browser.get("http://localhost/accounts/menu/")
    row.refresh_from_db()
    assert row.last_seen_at > before
    seen = row.last_seen_at
    browser.get("http://localhost/")  # a public page: the session is never read
    row.refresh_from_db()
    assert row.last_seen_at == seen


def test_the_data_export_lists_where_the_member_is_signed_in(member):
    browser = Browser()
    browser.sign_in_at_home(member.email)
    export = browser.get("http://localhost/accounts/data/export.json").json()
    assert {row["site"] for row in export["sessions"]} == {"Herald News", "Herald Sport"}
    assert {row["device"] for row in export["sessions"]} == {"Chrome on Linux"}
