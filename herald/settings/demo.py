"""The one-machine demo (`make run`): production code paths with DEBUG off, but plain HTTP on
loopback and a secret key generated once and kept under var/."""

from .base import *  # noqa: F403
from .env import secret_key

SECRET_KEY = secret_key(generate=True)
