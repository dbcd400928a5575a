import logging

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

from .id_token import id_token_verify

logger = logging.getLogger(__name__)


class HeraldOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    """Verifies the ID token from the token endpoint instead of only decoding it.

    allauth skips the signature there (the spec allows it over TLS) and sends no nonce; Herald
    checks everything :func:`~accounts.oidc.id_token.id_token_verify` lists, and that the
    userinfo (when fetched) is about the same ``sub``.
    """

    # Set by the callback view from allauth's state; None (no state) refuses every token.
    expected_nonce = None

    def complete_login(self, request, app, token, **kwargs):
        raw = kwargs["response"].get("id_token")
        if not raw:
            raise OAuth2Error("The provider sent no ID token.")
        config = self.openid_config
        claims = id_token_verify(
            raw,
            issuer=config.get("issuer"),
            jwks_uri=config.get("jwks_uri"),
            client_id=app.client_id,
            nonce=self.expected_nonce,
        )
        data = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True):
            userinfo = self._fetch_user_info(token.token)
            if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
                logger.warning("OpenID Connect userinfo refused: not about the ID token's sub")
                raise OAuth2Error("The userinfo response is about another subject (sub).")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)


class HeraldOpenIDConnectCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get("nonce")
        return state, response


@login_not_required
def login(request, provider_id):
    try:
        view = OAuth2LoginView.adapter_view(HeraldOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request, provider_id):
    try:
        view = HeraldOpenIDConnectCallbackView.adapter_view(
            HeraldOpenIDConnectAdapter(request, provider_id)
        )
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
