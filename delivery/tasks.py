"""Purges leave Herald here, in the task worker, never inside an editor's request."""

import math

from django.conf import settings
from django.tasks import task

from health.faults import fault_point
from worker.leases import retry_policy


class PurgeIncomplete(Exception):
    """Some caches could not be reached: the worker runs the purge again later."""


def purge_retry_policy() -> dict:
    """Try again within seconds, not the general backoff (minutes, later): every second of a
    missed purge is a second of readers getting the old page. Keep trying for as long as any
    cache may hold a copy fresh (Herald's page cache, Varnish and CDNs by s-maxage); after that
    the old copies have expired anyway, and the failed task is left for staff to see. The
    outage itself is logged by ``health.outages``, so the attempts in between are quiet."""
    pause = max(settings.HERALD_PURGE_RETRY_SECONDS, 1)
    window = max(settings.HERALD_PAGE_CACHE_TTL, settings.HERALD_PAGE_SHARED_MAX_AGE)
    return {
        "retry": min(1, pause),
        "retry_max": pause,
        "max_attempts": max(settings.HERALD_TASK_MAX_ATTEMPTS, math.ceil(window / pause) + 1),
        "quiet": True,
    }


# Ahead of bookkeeping tasks: until it runs, readers behind Varnish or a CDN see the old page.
@task(priority=40)
@retry_policy(purge_retry_policy)
def cache_purge(keys: list[str], urls: list[str]) -> str:
    """Purge ``keys`` (and, for CDNs that purge by address, ``urls``) from every cache.

    Purging twice does no harm, so a purge retried after a failure or a dead worker simply
    happens again.
    """
    from . import purge

    fault_point("purge-before-send")
    missed = purge.purge(keys, urls)
    if missed:
        raise PurgeIncomplete(f"not reached: {', '.join(missed)}")
    return f"purged {len(keys)} keys"
