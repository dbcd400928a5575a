"""Readiness checks for ``/healthz``: each returns None when healthy, or what went wrong."""

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections

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
    # The resilient Redis backend answers "nothing stored" instead of raising during an outage.
    return None if value == "1" else "unreachable"


def check_embedded_worker():
    """The task worker and publishing scheduler threads of the one-process install."""
    from worker.services import embedded_threads_problem

    return embedded_threads_problem()


def database_pool_in_use() -> dict | None:
    """Connections of this process's database pool taken and in all, when there is a pool:
    between requests none should be taken (one that stays taken was never given back)."""
    wrapper = connections[DEFAULT_DB_ALIAS]  # Django's PostgreSQL backend keeps pools per alias
    pool = getattr(type(wrapper), "_connection_pools", {}).get(wrapper.alias)
    if pool is None:
        return None
    stats = pool.get_stats()
    return {"in_use": stats["pool_size"] - stats["pool_available"], "size": stats["pool_size"]}


# What Herald cannot serve without (a 503 takes the process out of a load balancer's rotation),
# and what it serves without, only slower (reported, with a 200: every process shares the same
# Redis, so taking them all out of rotation would turn a slow site into no site).
CRITICAL_CHECKS = {"database": check_database}
DEGRADING_CHECKS = {"cache": check_cache, "worker": check_embedded_worker}
