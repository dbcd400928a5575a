"""Read Herald's configuration from the environment, failing with messages that say how to fix it.

Only settings modules import this; the rest of the code reads ``django.conf.settings``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HERALD_VAR_DIR", BASE_DIR / "var"))

SQLITE_OPTIONS = {
    # WAL lets readers continue while a writer commits; IMMEDIATE avoids "database is locked"
    # upgrades from read to write transactions; the timeout waits for a busy writer.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false.")


def env_list(name, default=""):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_aliases(name, default=""):
    """Host aliases by canonical host name, e.g. "localhost=127.0.0.1,news.example.org=www.a b"
    (pairs separated by commas, a site's aliases by spaces)."""
    aliases = {}
    for pair in env_list(name, default):
        canonical, _, names = pair.partition("=")
        if canonical.strip():
            aliases[canonical.strip()] = names.split()
    return aliases


def env_json(name, default):
    """A JSON value, e.g. WAGTAILFRONTENDCACHE; a clear error when it does not parse."""
    import json

    raw = env_str(name)
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON ({exc}).") from exc


def object_storage():
    """The S3-compatible media storage named by ``HERALD_S3_*``, and the origin it serves from.

    Returns ``(None, "")`` when no bucket is set: media stays on the local disk.
    """
    bucket = env_str("HERALD_S3_BUCKET")
    if not bucket:
        return None, ""
    media_domain = env_str("HERALD_MEDIA_DOMAIN")  # e.g. media.example.org, a CDN in front
    endpoint = env_str("HERALD_S3_ENDPOINT_URL")  # e.g. https://s3.eu-west-1.amazonaws.com
    protocol = env_str("HERALD_MEDIA_PROTOCOL", "https:")
    storage = {
        "BACKEND": "delivery.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": env_str("HERALD_S3_REGION") or None,
            # Empty: boto3 finds credentials itself (AWS_* variables, an instance role).
            "access_key": env_str("HERALD_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("HERALD_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": media_domain or None,
            "url_protocol": protocol,
            "addressing_style": env_str("HERALD_S3_ADDRESSING_STYLE") or None,
            # Public pictures need no signed URLs (which would also defeat every cache).
            "querystring_auth": False,
            "default_acl": env_str("HERALD_S3_ACL") or None,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": f"public, max-age={env_int('HERALD_MEDIA_MAX_AGE', 86400)}",
            },
        },
    }
    if media_domain:
        origin = f"{protocol}//{media_domain}"
    elif endpoint:
        origin = "/".join(endpoint.split("/")[:3])
    else:
        origin = f"https://{bucket}.s3.amazonaws.com"
    return storage, origin


# Django's requests run in a fixed set of threads (herald/asgi_django.py), so each thread keeps
# its connection between requests, checked before reuse: connecting anew cost every request
# about 4 ms on SQLite (the schema is read again) and more on PostgreSQL.
PERSISTENT_CONNECTIONS = {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}


def database_config():
    """Return the default database from ``DATABASE_URL``, or SQLite under ``var/``."""
    url = env_str("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "herald.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            **PERSISTENT_CONNECTIONS,
        }
    try:
        config = dj_database_url.parse(url, conn_health_checks=True)
    except Exception as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL could not be read ({exc}). Use a URL such as "
            "postgres://user:password@127.0.0.1:5432/herald or sqlite:////path/to/herald.sqlite3, "
            "or unset it to use SQLite under var/."
        ) from exc
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} names no database. Use a URL such as "
            "postgres://user:password@127.0.0.1:5432/herald."
        )
    config.update(PERSISTENT_CONNECTIONS)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    elif "postgresql" in config["ENGINE"]:
        pool_size = env_int("HERALD_DB_POOL_SIZE", 0)
        if pool_size > 0:
            config["CONN_MAX_AGE"] = 0  # Django's pool hands out connections instead
            config["OPTIONS"] = {
                **config.get("OPTIONS", {}),
                "pool": {
                    "min_size": 1,
                    "max_size": pool_size,
                    "timeout": env_int("HERALD_DB_POOL_TIMEOUT", 3),
                },
            }
    return config


def secret_key(*, generate):
    """Return ``SECRET_KEY``; when allowed, generate one and keep it under ``var/``."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not generate:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without one: set SECRET_KEY "
            "to a long random string, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def env_int(name, default):
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def live_channel_default(prefix: str, redis_url: str) -> str:
    """``<prefix>:<database number>:live``, e.g. ``herald:0:live`` for redis://host:6379/0."""
    from urllib.parse import urlparse

    database = urlparse(redis_url).path.strip("/") if redis_url else ""
    return f"{prefix}:{database or '0'}:live"


def social_providers():
    """allauth provider settings from the environment; a provider without keys is left out.

    Facebook: ``HERALD_FACEBOOK_CLIENT_ID`` and ``HERALD_FACEBOOK_SECRET``.
    OpenID Connect: ``HERALD_OIDC_PROVIDERS``, a JSON list of objects with ``id``, ``name``,
    ``server_url`` (the issuer), ``client_id`` and ``secret``. Providers can also be added in
    the Django admin as "Social applications".
    """
    import json

    providers = {
        "facebook": {
            "METHOD": "oauth2",
            "SCOPE": ["email", "public_profile"],
            "FIELDS": ["id", "email", "name", "first_name", "last_name"],
            "VERSION": "v21.0",
            "OAUTH_PKCE_ENABLED": True,
        },
        "openid_connect": {"OAUTH_PKCE_ENABLED": True},
    }
    facebook_id, facebook_secret = (
        env_str("HERALD_FACEBOOK_CLIENT_ID"),
        env_str("HERALD_FACEBOOK_SECRET"),
    )
    if facebook_id and facebook_secret:
        providers["facebook"]["APPS"] = [{"client_id": facebook_id, "secret": facebook_secret}]
    raw = env_str("HERALD_OIDC_PROVIDERS")
    if raw:
        try:
            entries = json.loads(raw)
            apps = [
                {
                    "provider_id": entry["id"],
                    "name": entry.get("name", entry["id"]),
                    "client_id": entry["client_id"],
                    "secret": entry["secret"],
                    "settings": {
                        "server_url": entry["server_url"],
                        "oauth_pkce_enabled": entry.get("pkce", True),
                    },
                }
                for entry in entries
            ]
        except (ValueError, TypeError, KeyError) as exc:
            raise ImproperlyConfigured(
                f"HERALD_OIDC_PROVIDERS could not be read ({exc!r}). It must be a JSON list such "
                'as [{"id": "google", "name": "Google", "server_url": '
                '"https://accounts.google.com", "client_id": "…", "secret": "…"}].'
            ) from exc
        providers["openid_connect"]["APPS"] = apps
    return providers
