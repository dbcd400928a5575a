"""Checking an OpenID Connect ID token (OpenID Connect Core 1.0, section 3.1.3.7).

Signatures are PyJWT's; the provider's keys come from its JWKS, kept in the cache and fetched
again once when a token names a key (``kid``) that is not in the kept copy (key rotation).
"""

import hashlib
import hmac
import logging
import time

import jwt
import requests
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Public-key algorithms only: "none" and the HMAC family (HS*) are never accepted.
ALGORITHMS = (
    *("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"),
    *("ES256", "ES384", "ES512", "EdDSA"),
)
DEFAULTS = {
    "HERALD_OIDC_ALGORITHMS": list(ALGORITHMS),
    "HERALD_OIDC_LEEWAY": 60,
    "HERALD_OIDC_MAX_AGE": 600,
    "HERALD_OIDC_JWKS_CACHE_SECONDS": 600,
}


class IDTokenError(OAuth2Error):
    """The ID token is refused; allauth shows its "Third-Party Login Failure" page."""


def _setting(name):
    return getattr(settings, name, DEFAULTS[name])


def allowed_algorithms():
    return [alg for alg in _setting("HERALD_OIDC_ALGORITHMS") if alg in ALGORITHMS]


def _refused(reason):
    logger.warning("OpenID Connect ID token refused: %s", reason)
    return IDTokenError(f"Invalid ID token: {reason}")


def _jwks_cache_key(jwks_uri):
    return "herald:oidc:jwks:" + hashlib.sha256(jwks_uri.encode()).hexdigest()


def jwks_fetch(jwks_uri):
    """The provider's key set, fetched now and kept for HERALD_OIDC_JWKS_CACHE_SECONDS."""
    try:
        with get_adapter().get_requests_session() as session:
            response = session.get(jwks_uri)
            response.raise_for_status()
            keys = response.json()
    except (requests.RequestException, ValueError) as exc:
        name = exc.__class__.__name__
        raise _refused(f"the key set at {jwks_uri} could not be read ({name})") from exc
    if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
        raise _refused(f"{jwks_uri} is not a JWK set")
    cache.set(_jwks_cache_key(jwks_uri), keys, _setting("HERALD_OIDC_JWKS_CACHE_SECONDS"))
    return keys


def _find_key(keys, *, kid, alg):
    candidates = [
        jwk
        for jwk in keys["keys"]
        if isinstance(jwk, dict)
        and jwk.get("use", "sig") == "sig"
        and jwk.get("kty") != "oct"
        and jwk.get("alg", alg) == alg
    ]
    if kid is not None:
        candidates = [jwk for jwk in candidates if jwk.get("kid") == kid]
    elif len(candidates) != 1:
        return None  # a token may leave out "kid" only when the set has one signing key
    return candidates[0] if candidates else None


def jwks_signing_key(jwks_uri, *, kid, alg):
    """The key ``kid`` for ``alg``; the set is fetched again once when the kept copy lacks it."""
    keys = cache.get(_jwks_cache_key(jwks_uri))
    fresh = keys is None
    if fresh:
        keys = jwks_fetch(jwks_uri)
    jwk = _find_key(keys, kid=kid, alg=alg)
    if jwk is None and not fresh:
        jwk = _find_key(jwks_fetch(jwks_uri), kid=kid, alg=alg)
    if jwk is None:
        raise _refused(f"no {alg} key {kid!r} in the provider's key set")
    try:
        return jwt.PyJWK(jwk, algorithm=alg)
    except jwt.PyJWTError as exc:
        raise _refused(f"key {kid!r} cannot be used for {alg} ({exc})") from exc


def id_token_verify(token, *, issuer, jwks_uri, client_id, nonce):
    """The claims of ``token`` once every check passes; raises :class:`IDTokenError` otherwise.

    Checked: the signature, by a key from the provider's JWKS, with an algorithm from
    HERALD_OIDC_ALGORITHMS; ``iss`` (the discovery document's issuer); ``aud`` (lists this
    client; several audiences need ``azp``); ``azp`` (this client, when present); ``exp``;
    ``iat`` (not later than now, not older than HERALD_OIDC_MAX_AGE; both with
    HERALD_OIDC_LEEWAY seconds of clock skew); ``nonce`` (the one sent with this sign-in);
    ``sub``; and that the token was not seen before (``jti``, allauth's replay list).
    """
    if not issuer or not jwks_uri:
        raise _refused("the provider's discovery document names no issuer or jwks_uri")
    if not nonce:
        raise _refused("no nonce was sent for this sign-in")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise _refused("not a signed JWT") from exc
    alg = header.get("alg")
    if alg not in allowed_algorithms():
        raise _refused(f"algorithm {alg!r} is not allowed (HERALD_OIDC_ALGORITHMS)")
    key = jwks_signing_key(jwks_uri, kid=header.get("kid"), alg=alg)
    leeway = _setting("HERALD_OIDC_LEEWAY")
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=[alg],
            audience=client_id,
            issuer=issuer,
            leeway=leeway,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.PyJWTError as exc:
        raise _refused(f"{exc.__class__.__name__}: {exc}") from exc
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if len(audiences) > 1 and azp is None:
        raise _refused("several audiences and no azp")
    if azp is not None and azp != client_id:
        raise _refused("azp is another client")
    if claims["iat"] < time.time() - _setting("HERALD_OIDC_MAX_AGE") - leeway:
        raise _refused("issued too long ago (iat)")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(token_nonce, nonce):
        raise _refused("the nonce is missing or not the one sent for this sign-in")
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise _refused("no subject (sub)")
    try:
        jwtkit.verify_jti(claims)
    except OAuth2Error as exc:
        raise _refused("this token was used before (jti)") from exc
    return claims
