import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth keeps rate-limit counters in the cache; each test starts with none."""
    cache.clear()


@pytest.fixture
def oidc(db):
    """The loopback OpenID Connect provider, configured in Herald as "Loopback IdP"."""
    from allauth.socialaccount.models import SocialApp

    from .oidc_loopback import CLIENT_ID, CLIENT_SECRET, LoopbackProvider

    provider = LoopbackProvider()
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="loopback",
        name="Loopback IdP",
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings={"server_url": provider.issuer},
    )
    yield provider
    provider.close()
