"""Readiness checks for ``/healthz``: each returns None when healthy, or what went wrong."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("Health check: database unreachable: %s", exc)
        return "unreachable"
    return None


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        logger.warning("Health check: cache unreachable: %s", exc)
        return "unreachable"
    return None if value == "1" else "not storing values"


CHECKS = {"database": check_database, "cache": check_cache}
