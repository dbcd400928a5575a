"""Tests: tasks run immediately, mail stays in memory, fast password hashing.

DATABASE_URL and REDIS_URL are honoured, so the same suite runs on PostgreSQL and Redis."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
HERALD_EMBEDDED_WORKER = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
# Files the tests write (pictures, renditions, the demo admin's sign-in) go to a throwaway
# folder, never to the checkout's var/.
HERALD_VAR_DIR = Path(tempfile.mkdtemp(prefix="herald-test-var-"))
MEDIA_ROOT = str(HERALD_VAR_DIR / "media")
# Serve static files straight from the apps' folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
