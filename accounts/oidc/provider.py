import secrets

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from .views import HeraldOpenIDConnectAdapter


class HeraldOpenIDConnectProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, with a ``nonce`` in every authorization request and
    every ID token verified (:mod:`accounts.oidc.id_token`) by Herald's adapter."""

    oauth2_adapter_class = HeraldOpenIDConnectAdapter
    # Tokens handed to Herald by an app (allauth's headless API) carry no nonce of ours.
    supports_token_authentication = False

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        """Send a fresh nonce to the provider and keep it in allauth's state for the callback."""
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )

    def verify_token(self, request, token):
        raise get_adapter().validation_error("invalid_token")


provider_classes = [HeraldOpenIDConnectProvider]
