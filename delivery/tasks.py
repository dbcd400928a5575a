"""Purges leave Herald here, in the task worker, never inside an editor's request."""

from django.tasks import task

from health.faults import fault_point


class PurgeIncomplete(Exception):
    """Some caches could not be reached: the worker runs the purge again later."""


# Ahead of bookkeeping tasks: until it runs, readers behind Varnish or a CDN see the old page.
@task(priority=40)
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
