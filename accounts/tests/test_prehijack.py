"""Account pre-hijacking (issue #17, item 3).

An attacker joins with the victim's address and a password, and never confirms it. Later the
victim signs in with a provider that vouches for the address: Herald (rightly) does not sign
them in to the existing account, but tells them to confirm the address, and the confirmation
mail in their inbox is the attacker's. Following it must not hand the attacker a confirmed
account: the password set before the address was verified stops working, the account's other
sessions end, and the owner is told to set a password through "Forgot your password?".
"""

import re

import pytest
import responses
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client, TestCase

from accounts.tests.network_steps import past_network_steps

from .oidc_loopback import NEWS, oidc_sign_in
from .test_social import GRAPH, PROFILE, _start, facebook  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
VICTIM = "nomsa@example.com"
ATTACKER_PASSWORD = "attacker-knows-this-1"  # noqa: S105


def _join(client, email, password):
    response = client.post(
        "/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
        **NEWS,
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    return client.session.session_key


def _confirmation_path(address):
    bodies = [m.body for m in mail.outbox if m.to == [address] and "confirm-email" in m.body]
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", bodies[-1]).group(0)
    return link.split("localhost", 1)[1]


def _confirmation_key_path(address):
    return f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/"


def _confirm(client, path):
    assert client.get(path, **NEWS).status_code == 200  # "Confirm" button (no confirm on GET)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(path, **NEWS)
    assert response.status_code == 302
    return response


def _password_signs_in(email, password):
    browser = Client()
    browser.post("/accounts/login/", {"login": email, "password": password}, **NEWS)
    return _signed_in(browser)


def _signed_in(client):
    return 'data-signed-in="true"' in client.get("/accounts/menu/", **NEWS).content.decode()


def _revoked_mail(address):
    return [m for m in mail.outbox if m.to == [address] and "password" in m.subject.lower()]


def _assert_victim_protected(victim, confirmed, attacker_session):
    member = get_user_model().objects.get(email=VICTIM)
    assert EmailAddress.objects.get(email=VICTIM).verified
    assert not member.has_usable_password()
    assert not _password_signs_in(VICTIM, ATTACKER_PASSWORD)
    assert not Session.objects.filter(session_key=attacker_session).exists()
    # The victim is told, on the page and by e-mail, how to set a password.
    page = victim.get(confirmed["Location"], **NEWS).content.decode()
    assert "no longer works" in page and "Forgot your password?" in page
    [notice] = _revoked_mail(VICTIM)
    assert "http://localhost/accounts/password/reset/" in notice.body
    assert notice.subject == "[Herald] Set a password for your account"


def test_victim_vouched_for_by_an_openid_connect_provider(client, oidc):
    attacker = Client()
    attacker_session = _join(attacker, VICTIM, ATTACKER_PASSWORD)
    oidc.reset(userinfo={"email": VICTIM, "email_verified": True})

    response = oidc_sign_in(client, oidc)  # the victim
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"  # "Verify your e-mail address"
    assert not SocialAccount.objects.exists() and not _signed_in(client)  # not linked

    confirmed = _confirm(client, _confirmation_path(VICTIM))  # the attacker's mail, in her inbox
    _assert_victim_protected(client, confirmed, attacker_session)
    # She can now make the account hers: reset the password and sign in with it.
    client.post("/accounts/password/reset/", {"email": VICTIM}, **NEWS)
    assert any("password/reset/key" in m.body for m in mail.outbox if m.to == [VICTIM])


def test_victim_signing_in_with_facebook(client, facebook):  # noqa: F811
    attacker = Client()
    attacker_session = _join(attacker, PROFILE["email"], ATTACKER_PASSWORD)
    facebook.add(responses.GET, re.compile(GRAPH + r"/me.*"), json=PROFILE)
    state = _start(client)
    response = client.get(f"/accounts/facebook/login/callback/?code=c0de&state={state}", **NEWS)
    assert response["Location"] == "/accounts/confirm-email/"
    assert not SocialAccount.objects.exists()

    confirmed = _confirm(client, _confirmation_path(PROFILE["email"]))
    member = get_user_model().objects.get(email=PROFILE["email"])
    assert not member.has_usable_password()
    assert not _password_signs_in(PROFILE["email"], ATTACKER_PASSWORD)
    assert not Session.objects.filter(session_key=attacker_session).exists()
    page = client.get(confirmed["Location"], **NEWS).content.decode()
    assert "no longer works" in page
    assert len(_revoked_mail(PROFILE["email"])) == 1


def test_signed_in_sessions_of_the_account_end_too(client):
    member = get_user_model().objects.create_user(VICTIM, ATTACKER_PASSWORD)
    EmailAddress.objects.create(user=member, email=VICTIM, verified=False, primary=True)
    holder = Client()
    holder.force_login(member)  # e.g. from before verification was mandatory
    held = holder.session.session_key
    confirmed = _confirm(client, _confirmation_key_path(EmailAddress.objects.get(email=VICTIM)))
    assert not Session.objects.filter(session_key=held).exists()
    assert not _signed_in(holder)
    member.refresh_from_db()
    assert not member.has_usable_password()
    assert "no longer works" in client.get(confirmed["Location"], **NEWS).content.decode()


def test_a_member_who_joins_and_confirms_keeps_the_password(client):
    _join(client, "thabo@example.com", "thabos-own-pass-phrase")
    confirmed = _confirm(client, _confirmation_path("thabo@example.com"))
    confirmed = past_network_steps(client, confirmed)
    assert confirmed["Location"].startswith("/accounts/profile/create/")  # signed in
    assert get_user_model().objects.get(email="thabo@example.com").has_usable_password()
    assert not _revoked_mail("thabo@example.com")
    client.logout()
    assert _password_signs_in("thabo@example.com", "thabos-own-pass-phrase")


def test_confirming_later_in_the_same_browser_keeps_the_password(client, settings):
    _join(client, "thabo@example.com", "thabos-own-pass-phrase")
    settings.ACCOUNT_LOGIN_TIMEOUT = 0  # allauth's pending sign-in has expired (e.g. next day)
    confirmed = _confirm(client, _confirmation_path("thabo@example.com"))
    assert confirmed["Location"] == "/accounts/login/"  # allauth no longer signs in here
    assert get_user_model().objects.get(email="thabo@example.com").has_usable_password()
    assert _password_signs_in("thabo@example.com", "thabos-own-pass-phrase")


def test_a_second_address_confirmed_elsewhere_keeps_the_password(client):
    member = get_user_model().objects.create_user("thabo@example.com", "thabos-own-pass-phrase")
    EmailAddress.objects.create(user=member, email="thabo@example.com", verified=True, primary=True)
    second = EmailAddress.objects.create(user=member, email="thabo@work.example", verified=False)
    _confirm(Client(), _confirmation_key_path(second))
    member.refresh_from_db()
    assert member.has_usable_password()


def test_a_signed_in_member_confirming_keeps_the_password(client):
    member = get_user_model().objects.create_user("thabo@example.com", "thabos-own-pass-phrase")
    address = EmailAddress.objects.create(user=member, email="thabo@example.com", primary=True)
    client.force_login(member)
    _confirm(client, _confirmation_key_path(address))
    member.refresh_from_db()
    assert member.has_usable_password()
    assert _signed_in(client)


def test_provider_email_authentication_signing_in_to_the_account(client, oidc, settings):
    """If an operator turns on e-mail authentication, the provider's verified address that
    signs the victim in to the attacker's account counts as the owner proving the mailbox."""
    settings.SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
    attacker = Client()
    attacker_session = _join(attacker, VICTIM, ATTACKER_PASSWORD)
    oidc.reset(userinfo={"email": VICTIM, "email_verified": True})
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = oidc_sign_in(client, oidc)
    assert response.status_code == 302
    assert _signed_in(client)  # signed in to the existing account, by the provider's address
    member = get_user_model().objects.get(email=VICTIM)
    assert not member.has_usable_password()
    assert not _password_signs_in(VICTIM, ATTACKER_PASSWORD)
    assert not Session.objects.filter(session_key=attacker_session).exists()
    assert len(_revoked_mail(VICTIM)) == 1
