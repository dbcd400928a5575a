"""One service purges by surrogate key: Herald's page cache, Varnish, and CDNs.

Apps call ``purge_after_commit(keys, urls)`` when something readers see has changed; nothing is
purged for a transaction that rolls back, and nothing before the change is visible (a purge
sent too early would let a reader re-cache the old page).

- Herald's page cache turns every entry naming a key stale (``pagecache.keys_purge``). When the
  cache is shared (Redis) and the purge cannot reach it, that counts as a cache not reached, as
  for Varnish; meanwhile the process distrusts its copies of the pages concerned (pagecache).
- Each Varnish in ``HERALD_VARNISH_URLS`` gets ``PURGE`` with an ``xkey-purge`` header, and
  drops every object tagged with those keys (deploy/varnish/herald.vcl).
- Wagtail's frontend-cache backends (Cloudflare, CloudFront, plain HTTP PURGE…), configured by
  ``WAGTAILFRONTENDCACHE``, get the affected URLs, since most CDNs purge by URL.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.db import transaction

from external.http import HttpError, http_request
from health.faults import fault_point
from health.outages import outage_over, outage_report

from .pagecache import keys_purge

logger = logging.getLogger(__name__)

_suspended = contextvars.ContextVar("herald_purges_suspended", default=False)


@contextlib.contextmanager
def purges_suspended():
    """Queue no purges while a network is built from nothing (the demo): no cache holds any of
    its pages yet, and a server started on it would spend its first minute purging them."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def purge(keys, urls=()) -> list[str]:
    """Purge everywhere; return the caches that could not be reached (none: all done)."""
    keys = sorted(set(keys))
    if not keys:
        return []
    missed = [] if shared_cache_purge(keys) else [SHARED_PAGE_CACHE]
    missed += [url for url in settings.HERALD_VARNISH_URLS if not varnish_purge(url, keys)]
    if urls and settings.WAGTAILFRONTENDCACHE:
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(sorted(set(urls)))
        except Exception as exc:  # a CDN's API failing must not fail the editor's publish
            outage_report(
                "The CDN purge API (WAGTAILFRONTENDCACHE)",
                f"{type(exc).__name__}: {exc}",
                "Pages stay cached at the CDN until their max-age runs out; check its "
                "credentials and the backends in WAGTAILFRONTENDCACHE.",
            )
            missed.append("WAGTAILFRONTENDCACHE")
        else:
            outage_over("The CDN purge API (WAGTAILFRONTENDCACHE)")
    return missed


SHARED_PAGE_CACHE = "the shared page cache"


def shared_cache_purge(keys) -> bool:
    """Herald's page cache; False (and the outage reported) when Redis did not take it."""
    service = "The shared page cache (Redis)"
    if keys_purge(keys):
        outage_over(service)
        return True
    outage_report(
        service,
        f"a purge of {len(keys)} keys did not reach it and is tried again every few seconds",
        "Until it gets through, the processes that tried it render the pages concerned instead "
        "of serving their cached copies; other processes may serve the old copies until it "
        "does. Check Redis (REDIS_URL) and its timeouts (HERALD_REDIS_TIMEOUT_MS).",
    )
    return False


def purge_after_commit(keys, urls=()):
    """Purge once the change is committed: this process's page cache at once, and every cache
    (the shared page cache, Varnish, CDNs) from a task that is retried until all are reached,
    and that survives this process dying right after the commit."""
    from worker.services import task_enqueue

    from .tasks import cache_purge

    keys, urls = sorted(set(keys)), sorted(set(urls))
    if not keys or _suspended.get():
        return
    task_enqueue(cache_purge, keys, urls)  # first: outside a transaction, on_commit runs now
    transaction.on_commit(lambda: _here_at_once(keys))


def _here_at_once(keys):
    fault_point("purge-after-commit")  # the kill test's web process dies here
    keys_purge(keys)


def varnish_purge(varnish_url, keys):
    """``PURGE`` with an ``xkey-purge`` header naming the keys; False (and the outage reported)
    when the Varnish did not answer 2xx within ``HERALD_PURGE_TIMEOUT`` seconds."""
    service = f"Varnish at {varnish_url}"
    try:
        http_request(
            "PURGE",
            varnish_url,
            headers={"xkey-purge": " ".join(keys)},
            timeout=settings.HERALD_PURGE_TIMEOUT,
            max_bytes=100_000,
            retries=0,  # the purge task is tried again on its own schedule
        )
    except HttpError as exc:
        outage_report(
            service,
            f"purge of {len(keys)} keys failed and will be tried again ({exc})",
            "Its copies of changed pages stay until they expire. Start Varnish, or remove it "
            "from HERALD_VARNISH_URLS if it is not part of this install.",
        )
        return False
    outage_over(service)
    return True
