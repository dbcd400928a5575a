"""OpenID Connect sign-in against a real loopback provider: every forged ID token is refused."""

import time

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.tests.network_steps import past_network_steps

from .oidc_loopback import (
    CLIENT_ID,
    CLIENT_SECRET,
    DROP,
    NEWS,
    _rsa_key,
    oidc_callback,
    oidc_sign_in,
    oidc_start,
)

pytestmark = pytest.mark.django_db


def _signed_in(client):
    return 'data-signed-in="true"' in client.get("/accounts/menu/", **NEWS).content.decode()


def _assert_refused(client, response, members_before):
    assert response.status_code == 401, response.content.decode()[:2000]
    assert "Third-Party Login Failure" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert get_user_model().objects.count() == members_before
    assert not _signed_in(client)


def test_a_valid_id_token_signs_in(client, oidc):
    query = oidc_start(client, oidc)
    assert query["code_challenge_method"] == "S256"
    assert len(query["nonce"]) >= 32 and query["nonce"] != query["state"]
    response = oidc_callback(client, query)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = past_network_steps(client, response)
    assert response["Location"].startswith("/accounts/profile/create/")
    account = SocialAccount.objects.get(provider="loopback", uid="user-1")
    assert account.user.email == "nomsa@example.com"
    assert account.user.emailaddress_set.get().verified  # email_verified from the provider
    assert _signed_in(client)
    assert oidc.hits["token"] == 1 and oidc.hits["jwks"] == 1 and oidc.hits["userinfo"] == 1


def test_each_sign_in_sends_a_new_nonce(client, oidc):
    assert oidc_start(client, oidc)["nonce"] != oidc_start(client, oidc)["nonce"]


def test_an_elliptic_curve_key_is_accepted(client, oidc):
    oidc.reset(sign_kid="ec1", alg="ES256")
    landed = past_network_steps(client, oidc_sign_in(client, oidc))
    assert landed["Location"].startswith("/accounts/profile/create/")


def _now():
    return int(time.time())


FORGED = {
    "alg none": lambda: {"alg": "none"},
    "signed by another key": lambda: {"signing_key": _rsa_key()},
    "HS256 with the client secret": lambda: {"alg": "HS256", "signing_key": CLIENT_SECRET},
    "wrong nonce": lambda: {"claims": {"nonce": "a-nonce-herald-never-sent"}},
    "missing nonce": lambda: {"claims": {"nonce": DROP}},
    "wrong iss": lambda: {"claims": {"iss": "https://idp.example.net"}},
    "wrong aud": lambda: {"claims": {"aud": "another-client"}},
    "azp mismatch": lambda: {"claims": {"aud": [CLIENT_ID, "another-client"], "azp": "another"}},
    "several audiences, no azp": lambda: {"claims": {"aud": [CLIENT_ID, "another-client"]}},
    "azp of another client": lambda: {"claims": {"azp": "another-client"}},
    "expired": lambda: {"claims": {"exp": _now() - 120, "iat": _now() - 420}},
    "no exp": lambda: {"claims": {"exp": DROP}},
    "iat in the future": lambda: {"claims": {"iat": _now() + 600, "exp": _now() + 900}},
    "iat too old": lambda: {"claims": {"iat": _now() - 3600, "exp": _now() + 300}},
    "no iat": lambda: {"claims": {"iat": DROP}},
    "no sub": lambda: {"claims": {"sub": DROP}},
    "userinfo about another subject": lambda: {
        "userinfo": {"sub": "user-2", "email": "nomsa@example.com", "email_verified": True}
    },
}


@pytest.mark.parametrize("case", FORGED, ids=list(FORGED))
def test_a_forged_id_token_is_refused(client, oidc, case):
    members = get_user_model().objects.count()
    query = oidc_start(client, oidc)
    oidc.reset(nonce=query["nonce"], **FORGED[case]())
    _assert_refused(client, oidc_callback(client, query), members)
    assert oidc.hits["token"] == 1  # the token really came from the provider's token endpoint


def test_an_algorithm_left_out_of_the_setting_is_refused(client, oidc, settings):
    settings.HERALD_OIDC_ALGORITHMS = ["ES256"]
    members = get_user_model().objects.count()
    _assert_refused(client, oidc_sign_in(client, oidc), members)


def test_a_replayed_token_is_refused(client, oidc, django_user_model):
    oidc.reset(claims={"jti": "once-only"})
    assert oidc_sign_in(client, oidc).status_code == 302
    client.logout()
    SocialAccount.objects.all().delete()
    django_user_model.objects.filter(email="nomsa@example.com").delete()
    oidc.reset(claims={"jti": "once-only"})
    _assert_refused(client, oidc_sign_in(client, oidc), django_user_model.objects.count())


def test_the_key_set_is_kept_between_sign_ins(client, oidc):
    assert oidc_sign_in(client, oidc).status_code == 302
    client.logout()
    assert oidc_sign_in(client, oidc).status_code == 302
    assert oidc.hits["jwks"] == 1


def test_an_unknown_kid_refetches_the_key_set_once_then_refuses(client, oidc):
    assert oidc_sign_in(client, oidc).status_code == 302  # keeps the key set (k1, ec1)
    stranger = Client()
    members = get_user_model().objects.count()
    SocialAccount.objects.all().delete()
    oidc.reset(sign_kid="k2")  # a key the provider does not publish
    _assert_refused(stranger, oidc_sign_in(stranger, oidc), members)
    assert oidc.hits["jwks"] == 2  # fetched again once, not more


def test_a_rotated_key_is_accepted_once_the_key_set_lists_it(client, oidc):
    assert oidc_sign_in(client, oidc).status_code == 302  # keeps the key set (k1, ec1)
    oidc.published = ["k2"]  # the provider rotates to k2
    oidc.reset(sign_kid="k2", sub="user-2", userinfo={"email": "thabo@example.com"})
    newcomer = Client()
    response = oidc_sign_in(newcomer, oidc)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SocialAccount.objects.filter(uid="user-2").exists()
    assert oidc.hits["jwks"] == 2
