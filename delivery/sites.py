"""Which Wagtail site a Host header names, remembered in the process.

The page cache and the live stream answer before Django's request machinery runs, so they need
the site without a query per request. Hosts are checked against ``ALLOWED_HOSTS`` first (a host
Django would refuse never gets an entry); the memo is bounded, because a wildcard such as
``.example.org`` admits any number of host names, and entries expire so that a site moved to
another host name is noticed within a minute.
"""

import time

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from wagtail.models import Site

MEMO_SECONDS = 60
MEMO_MAX_HOSTS = 1000
_memo: dict[str, tuple[int | None, float]] = {}


def site_id_remembered(host: str) -> int | None:
    """The site id of ``host`` if this process knows it (no query); None otherwise."""
    remembered = _memo.get(host.lower())
    if remembered and remembered[1] > time.monotonic():
        return remembered[0]
    return None


def site_id_for_host(host: str) -> int | None:
    """The site id of ``host``, looking it up when needed. Raises DisallowedHost."""
    host = host.lower()
    remembered = _memo.get(host)
    if remembered and remembered[1] > time.monotonic():
        return remembered[0]
    request = HttpRequest()
    request.META = {"HTTP_HOST": host, "SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    request.get_host()  # raises DisallowedHost for hosts not in ALLOWED_HOSTS
    site = Site.find_for_request(request)
    site_id = site.pk if site else None
    if len(_memo) >= MEMO_MAX_HOSTS:
        _memo.clear()
    _memo[host] = (site_id, time.monotonic() + MEMO_SECONDS)
    return site_id


def sites_forget():
    """Forget every host (after a Site is saved or deleted in this process)."""
    _memo.clear()


__all__ = ["DisallowedHost", "site_id_for_host", "site_id_remembered", "sites_forget"]
