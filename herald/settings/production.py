"""Production: HTTPS, secure cookies, SECRET_KEY from the environment (no start without one)."""

from .base import *  # noqa: F403
from .env import env_aliases, env_bool, env_int, env_str, secret_key

SECRET_KEY = secret_key(generate=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("HERALD_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("HERALD_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Browsers send secure cookies over HTTPS only. A private network with no TLS anywhere needs
# HERALD_SECURE_COOKIES=false as well as HERALD_SSL_REDIRECT=false (docs/deployment.md).
SESSION_COOKIE_SECURE = env_bool("HERALD_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_PRELOAD = env_bool("HERALD_HSTS_PRELOAD", True)
# Wagtail's admin previews pages in a same-origin frame, which DENY would break.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

if "file_path" in MAILERS["default"].get("OPTIONS", {}):  # noqa: F405
    # No EMAIL_HOST given: hand mail to the machine's own mail server, as Django does by default.
    MAILERS["default"] = {  # noqa: F405
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": env_str("EMAIL_HOST", "localhost"), "port": env_int("EMAIL_PORT", 25)},
    }

ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("HERALD_HTTP_PROTOCOL", "https")
# No aliases unless listed (the demo's 127.0.0.1 means nothing on a public host).
HERALD_SITE_ALIASES = env_aliases("HERALD_SITE_ALIASES")
