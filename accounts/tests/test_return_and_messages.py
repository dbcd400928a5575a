"""Sign in and Join bring the reader back to the story, and a message shows on the page that
follows the action, once, whatever the page cache holds."""

import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.services import profile_create
from accounts.tests.network_steps import past_network_steps
from delivery import pagecache
from newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}
PASSWORD = "a-long-pass-phrase"


def _verified_member(email="zanele@example.com"):
    member = get_user_model().objects.create_user(email, PASSWORD)
    EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
    return member


@pytest.fixture
def story():
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    return article.url_path[len("/localhost") :]


def _header_links(html):
    return re.search(r'id="user-menu">(.*?)</div>', html, re.S).group(1)


def test_header_links_carry_the_page_being_read_as_next(client, story):
    header = _header_links(client.get(story, **NEWS).content.decode())
    assert f'href="/accounts/login/?next={quote(story, safe="")}"' in header
    assert f'href="/accounts/signup/?next={quote(story, safe="")}"' in header


def test_next_names_only_what_the_cache_key_names(client):
    """A page cached for everyone must not carry one reader's ``?utm_…`` or token."""
    header = _header_links(
        client.get("/news/?page=2&utm_source=x&token=s3cret", **NEWS).content.decode()
    )
    assert "next=%2Fnews%2F%3Fpage%3D2" in header
    assert "utm_source" not in header and "s3cret" not in header
    again = client.get("/news/?page=2&token=other", **NEWS)
    assert again.headers[pagecache.CACHE_HEADER] == pagecache.HIT


def test_sign_in_page_passes_a_safe_next_on_to_join_and_drops_others(client, story):
    page = client.get(f"/accounts/login/?next={quote(story)}", **NEWS).content.decode()
    assert f'href="/accounts/signup/?next={quote(story, safe="")}"' in _header_links(page)
    page = client.get("/accounts/login/?next=https://evil.example/", **NEWS).content.decode()
    assert 'href="/accounts/signup/"' in _header_links(page)
    assert "evil.example" not in _header_links(page)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_sign_in_never_follows_next_off_the_site(client, target):
    profile_create(member=_verified_member(), username="zanele")
    response = client.post(
        "/accounts/login/",
        {"login": "zanele@example.com", "password": PASSWORD, "next": target},
        **NEWS,
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_sign_in_from_a_story_returns_to_it_with_the_message_shown_there_once(client, story):
    profile_create(member=_verified_member(), username="zanele")
    client.get(story, **NEWS)  # stored for everyone
    signed_in = client.post(
        f"/accounts/login/?next={quote(story)}",
        {"login": "zanele@example.com", "password": PASSWORD},
        **NEWS,
    )
    signed_in = past_network_steps(client, signed_in)
    assert signed_in["Location"] == f"{story}?flash"  # not the browser's copy of the story

    landing = client.get(signed_in["Location"], **NEWS)
    assert "Successfully signed in" in landing.content.decode()
    assert "flash" not in _header_links(landing.content.decode())
    assert landing.headers["Cache-Control"] == "private, no-store"
    assert pagecache.CACHE_HEADER not in landing.headers  # rendered for this browser
    assert landing.cookies["messages"].value == ""  # shown: gone from the browser

    again = client.get(story, **NEWS)
    assert again.headers[pagecache.CACHE_HEADER] == pagecache.HIT  # a member at cache speed
    assert "Successfully signed in" not in again.content.decode()
    assert "Set-Cookie" not in again.headers
    later = client.get("/mynews/submit/", **NEWS).content.decode()
    assert "Successfully signed in" not in later


def test_join_from_a_story_ends_on_it_with_the_welcome(client, story):
    signup = client.get(f"/accounts/signup/?next={quote(story)}", **NEWS).content.decode()
    assert f'name="next" value="{story}"' in signup
    client.post(
        f"/accounts/signup/?next={quote(story)}",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        **NEWS,
    )
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirmed = past_network_steps(client, client.post(link.split("localhost", 1)[1], **NEWS))
    assert confirmed["Location"] == f"/accounts/profile/create/?next={quote(story, safe='')}"
    create_page = client.get(confirmed["Location"], **NEWS).content.decode()
    created = client.post(
        "/accounts/profile/create/",
        {"username": "newcomer", "display_name": "New Comer", "next": story},
        **NEWS,
    )
    assert created["Location"] == f"{story}?flash"
    landing = client.get(created["Location"], **NEWS).content.decode()
    assert "Welcome, New Comer! Your profile is ready." in landing
    assert "Welcome, New Comer" not in create_page
    edit = client.get("/accounts/profile/edit/", **NEWS).content.decode()
    assert "Your profile is ready" not in edit  # shown once, where it belonged


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "%0d%0aSet-Cookie:x=1", "http://evil.example/", "/\\evil", "%E2%80%AE"],
)
def test_odd_next_values_on_the_sign_in_page_are_dropped_without_an_error(client, target):
    page = client.get(f"/accounts/login/?next={target}", **NEWS)
    assert page.status_code == 200
    header = _header_links(page.content.decode())
    assert 'href="/accounts/signup/"' in header or "next=%2F" in header
    assert "evil" not in header and "javascript" not in header
