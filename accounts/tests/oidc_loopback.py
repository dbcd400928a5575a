"""A small OpenID Connect provider on 127.0.0.1 for the tests: discovery, JWKS, token, userinfo.

Herald's real sign-in flow talks to it over HTTP (no mocking), so what the tests forge is what
Herald's code receives. A test sets, before the callback, what the next token response holds:
``claims`` (overrides of the default claims; ``DROP`` removes one), ``sign_kid`` / ``alg`` (the
key and algorithm that sign it; ``alg="none"`` for an unsigned token), ``header`` (extra
header fields). ``published`` is the list of key ids the JWKS lists (rotate by changing it).
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

DROP = object()
CLIENT_ID = "herald-tests"
CLIENT_SECRET = "loopback-secret"  # noqa: S105


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class LoopbackProvider:
    def __init__(self):
        self.keys = {
            "k1": _rsa_key(),
            "k2": _rsa_key(),
            "ec1": ec.generate_private_key(ec.SECP256R1()),
        }
        self.published = ["k1", "ec1"]
        self.hits = {"discovery": 0, "jwks": 0, "token": 0, "userinfo": 0}
        self.reset()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def reset(self, **changes):
        """What the next token response holds (see the module's docstring)."""
        self.nonce = None  # the nonce Herald sent; the test copies it from the redirect
        self.claims = {}
        self.sign_kid = "k1"
        self.signing_key = None  # a private key to sign with instead of keys[sign_kid]
        self.alg = "RS256"
        self.header = {}
        self.userinfo = {"email": "nomsa@example.com", "email_verified": True, "name": "Nomsa"}
        self.sub = "user-1"
        for name, value in changes.items():
            setattr(self, name, value)

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    # What the endpoints serve.
    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        }

    def jwks(self):
        keys = []
        for kid in self.published:
            private = self.keys[kid]
            if isinstance(private, rsa.RSAPrivateKey):
                jwk, alg = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True), "RS256"
            else:
                jwk, alg = ECAlgorithm.to_jwk(private.public_key(), as_dict=True), "ES256"
            keys.append({**jwk, "kid": kid, "use": "sig", "alg": alg})
        return {"keys": keys}

    def id_token(self):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.sub,
            "aud": CLIENT_ID,
            "exp": now + 300,
            "iat": now,
            "nonce": self.nonce,
            "email": self.userinfo.get("email"),
            "email_verified": self.userinfo.get("email_verified"),
        }
        claims.update(self.claims)
        claims = {name: value for name, value in claims.items() if value is not DROP}
        header = {"kid": self.sign_kid, **self.header}
        if self.alg == "none":
            return jwt.encode(claims, None, algorithm="none", headers=header)
        key = self.signing_key or self.keys[self.sign_kid]
        return jwt.encode(claims, key, algorithm=self.alg, headers=header)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/.well-known/openid-configuration":
                    provider.hits["discovery"] += 1
                    return self._json(provider.discovery())
                if path == "/jwks":
                    provider.hits["jwks"] += 1
                    return self._json(provider.jwks())
                if path == "/userinfo":
                    provider.hits["userinfo"] += 1
                    if self.headers.get("Authorization") != "Bearer loopback-access-token":
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json({"sub": provider.sub, **provider.userinfo})
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                if urlparse(self.path).path != "/token":
                    return self._json({"error": "not_found"}, 404)
                provider.hits["token"] += 1
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                if form.get("client_id") != [CLIENT_ID] or form.get("client_secret") != [
                    CLIENT_SECRET
                ]:
                    return self._json({"error": "invalid_client"}, 401)
                if form.get("grant_type") != ["authorization_code"] or not form.get("code"):
                    return self._json({"error": "invalid_grant"}, 400)
                return self._json(
                    {
                        "access_token": "loopback-access-token",
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(),
                    }
                )

        return Handler


NEWS = {"HTTP_HOST": "localhost"}


def oidc_start(client, provider, provider_id="loopback"):
    """Press the provider's button; return the authorization request's query (state, nonce…)."""
    response = client.post(f"/accounts/oidc/{provider_id}/login/", {"process": "login"}, **NEWS)
    assert response.status_code == 302, response.content.decode()[:2000]
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{provider.issuer}/authorize"
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    provider.nonce = query.get("nonce")
    return query


def oidc_callback(client, query, provider_id="loopback"):
    """Come back from the provider with a code; Herald then calls the token endpoint."""
    return client.get(
        f"/accounts/oidc/{provider_id}/login/callback/?code=the-code&state={query['state']}",
        **NEWS,
    )


def oidc_sign_in(client, provider, provider_id="loopback"):
    return oidc_callback(client, oidc_start(client, provider, provider_id), provider_id)
