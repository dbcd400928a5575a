"""Production: HTTPS, secure cookies, SECRET_KEY from the environment (no start without one)."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, secret_key

SECRET_KEY = secret_key(generate=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("HERALD_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("HERALD_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("HERALD_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
