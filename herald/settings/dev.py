"""Local development: DEBUG on, generated secret key under var/, mail to var/mail."""

from .base import *  # noqa: F403
from .env import secret_key

DEBUG = True
SECRET_KEY = secret_key(generate=True)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps' folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
