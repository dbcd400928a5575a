"""One service purges by surrogate key: Herald's page cache, Varnish, and CDNs.

Apps call ``purge_after_commit(keys, urls)`` when something readers see has changed; nothing is
purged for a transaction that rolls back, and nothing before the change is visible (a purge
sent too early would let a reader re-cache the old page).

- Herald's page cache turns every entry naming a key stale (``pagecache.keys_purge``).
- Each Varnish in ``HERALD_VARNISH_URLS`` gets ``PURGE`` with an ``xkey-purge`` header, and
  drops every object tagged with those keys (deploy/varnish/herald.vcl).
- Wagtail's frontend-cache backends (Cloudflare, CloudFront, plain HTTP PURGE…), configured by
  ``WAGTAILFRONTENDCACHE``, get the affected URLs, since most CDNs purge by URL.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction

from health.outages import outage_over, outage_report

from .pagecache import keys_purge

logger = logging.getLogger(__name__)


def purge(keys, urls=()):
    keys = sorted(set(keys))
    if not keys:
        return
    keys_purge(keys)
    for varnish_url in settings.HERALD_VARNISH_URLS:
        varnish_purge(varnish_url, keys)
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
        else:
            outage_over("The CDN purge API (WAGTAILFRONTENDCACHE)")


def purge_after_commit(keys, urls=()):
    keys, urls = list(keys), list(urls)
    transaction.on_commit(lambda: purge(keys, urls))


def varnish_purge(varnish_url, keys):
    request = urllib.request.Request(  # noqa: S310 (the operator's own Varnish)
        varnish_url, method="PURGE", headers={"xkey-purge": " ".join(keys)}
    )
    service = f"Varnish at {varnish_url}"
    try:
        with urllib.request.urlopen(request, timeout=settings.HERALD_PURGE_TIMEOUT):  # noqa: S310
            pass
    except (urllib.error.URLError, OSError) as exc:
        outage_report(
            service,
            f"purge of {len(keys)} keys failed ({exc})",
            "Its copies of changed pages stay until they expire. Start Varnish, or remove it "
            "from HERALD_VARNISH_URLS if it is not part of this install.",
        )
    else:
        outage_over(service)
