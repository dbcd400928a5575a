"""OpenID Connect sign-in with every ID token checked (see docs/accounts.md).

allauth's generic provider is kept (provider id ``openid_connect``, the same URLs and settings);
``herald/settings/base.py`` swaps in :class:`~accounts.oidc.provider.HeraldOpenIDConnectProvider`
with ``SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]``, and allauth then routes
``/accounts/oidc/<provider_id>/login/`` and its callback to :mod:`accounts.oidc.urls`.
"""
