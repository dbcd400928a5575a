"""Facebook sign-in with Facebook's HTTP endpoints faked at the HTTP layer (responses)."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model

from accounts.tests.network_steps import past_network_steps

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}
GRAPH = r"https://graph\.facebook\.com/v[\d.]+"
PROFILE = {
    "id": "10001",
    "email": "fiona@example.com",
    "name": "Fiona Bee",
    "first_name": "Fiona",
    "last_name": "Bee",
}


@pytest.fixture
def facebook():
    SocialApp.objects.create(provider="facebook", name="Facebook", client_id="fb-id", secret="s")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        token = {"access_token": "fb-token", "token_type": "bearer", "expires_in": 3600}
        for method in (responses.GET, responses.POST):
            mock.add(method, re.compile(GRAPH + r"/oauth/access_token.*"), json=token)
        yield mock


def _start(client):
    """Press "Continue with Facebook"; return the state Herald sent to Facebook."""
    response = client.post("/accounts/facebook/login/", {"process": "login"}, **NEWS)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.netloc == "www.facebook.com"
    query = parse_qs(location.query)
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    return query["state"][0]


def _signed_in_user(client):
    return client.get("/accounts/menu/", **NEWS).content.decode()


def test_login_button_appears_only_when_the_provider_is_configured(client):
    assert "facebook" not in client.get("/accounts/login/", **NEWS).content.decode().lower()
    SocialApp.objects.create(provider="facebook", name="Facebook", client_id="fb-id", secret="s")
    assert "/accounts/facebook/login/" in client.get("/accounts/login/", **NEWS).content.decode()


def test_facebook_sign_in_creates_a_member_and_asks_for_a_profile(client, facebook):
    facebook.add(responses.GET, re.compile(GRAPH + r"/me.*"), json=PROFILE)
    state = _start(client)
    response = client.get(f"/accounts/facebook/login/callback/?code=c0de&state={state}", **NEWS)
    assert response.status_code == 302
    response = past_network_steps(client, response)
    assert response["Location"].startswith("/accounts/profile/create/")
    account = SocialAccount.objects.get(provider="facebook", uid="10001")
    assert account.user.email == "fiona@example.com"
    assert 'data-signed-in="true"' in _signed_in_user(client)


def test_state_mismatch_is_refused_without_a_session(client, facebook):
    facebook.add(responses.GET, re.compile(GRAPH + r"/me.*"), json=PROFILE)
    _start(client)
    response = client.get("/accounts/facebook/login/callback/?code=c0de&state=forged", **NEWS)
    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert 'data-signed-in="true"' not in _signed_in_user(client)


def test_missing_state_is_refused(client, facebook):
    response = client.get("/accounts/facebook/login/callback/?code=c0de", **NEWS)
    assert response.status_code == 401
    assert not SocialAccount.objects.exists()


def test_provider_error_shows_a_clear_page_and_no_session(client, facebook):
    state = _start(client)
    response = client.get(
        "/accounts/facebook/login/callback/?error=access_denied"
        f"&error_reason=user_denied&error_description=Permissions+error&state={state}",
        **NEWS,
    )
    html = response.content.decode()
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        html = client.get(response["Location"], **NEWS).content.decode()
    assert "cancel" in html.lower() or "failure" in html.lower()
    assert 'data-signed-in="true"' not in _signed_in_user(client)


def test_email_of_an_existing_unverified_account_does_not_take_it_over(client, facebook):
    from django.core import mail

    existing = get_user_model().objects.create_user("fiona@example.com", "her-own-password")
    facebook.add(responses.GET, re.compile(GRAPH + r"/me.*"), json=PROFILE)
    state = _start(client)
    response = client.get(f"/accounts/facebook/login/callback/?code=c0de&state={state}", **NEWS)
    assert response.status_code == 302
    assert not SocialAccount.objects.filter(user=existing).exists()
    menu = _signed_in_user(client)
    assert 'data-signed-in="true"' not in menu  # not signed in as the existing member
    assert get_user_model().objects.filter(email__iexact="fiona@example.com").count() == 1
    # allauth tells the address's owner instead of revealing to the visitor that it exists.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["fiona@example.com"], "[Herald] Account Already Exists")
    ]


def test_admin_adds_an_openid_connect_provider_and_its_button_appears(admin_client, client):
    listing = admin_client.get("/admin/snippets/accounts/signinprovider/")
    assert listing.status_code == 200
    # Named in the admin as the docs name it (allauth calls them social applications).
    snippets = admin_client.get("/admin/snippets/").content.decode()
    assert "Sign-in providers" in snippets and "Social applications" not in snippets
    assert "Social application" not in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/accounts/signinprovider/add/",
        {
            "provider": "openid_connect",
            "provider_id": "company",
            "name": "Company SSO",
            "client_id": "cid",
            "secret": "sec",
            "settings": '{"server_url": "https://sso.example.org"}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Company SSO" in client.get("/accounts/login/", **NEWS).content.decode()
