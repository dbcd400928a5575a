"""Which Wagtail site a Host header names, remembered in the process; each site's one address.

The page cache and the live stream answer before Django's request machinery runs, so they need
the site without a query per request. Hosts are checked against ``ALLOWED_HOSTS`` first (a host
Django would refuse never gets an entry); the memo is bounded, because a wildcard such as
``.example.org`` admits any number of host names, and entries expire so that a site moved to
another host name is noticed within a minute.

Each site has one canonical root, its Wagtail ``Site.root_url`` (hostname and port; https on port
443). Every absolute URL Herald writes is built by ``absolute_url(site, path)`` from that root.
Other host names may answer for a site only as aliases listed in ``HERALD_SITE_ALIASES``
(canonical hostname → alias hosts); a GET or HEAD on an alias is sent to the canonical root with
a 301 (``canonical_root_for_alias``), by Django's ``CanonicalHostMiddleware`` and by the ASGI front
door. Wagtail's fallback to the default site for an unknown host does not make that host an
alias: it is served as before.
"""

import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

MEMO_SECONDS = 60
MEMO_MAX_HOSTS = 1000
_memo: dict[str, tuple[int | None, float]] = {}
_site_fields: dict[int, dict] = {}  # a remembered host's site, as field values
_roots: dict[str, tuple[str | None, float]] = {}
# Left alone on an alias: the health check, the admin (its own address is WAGTAILADMIN_BASE_URL).
NOT_REDIRECTED_PATHS = ("/healthz", "/admin")
NOT_REDIRECTED_PREFIXES = ("/admin/",)
REDIRECTED_METHODS = ("GET", "HEAD")
SITE_FIELDS = Site._meta.concrete_fields


def site_root_url(site) -> str:
    """The site's one canonical root, without a trailing slash (``http://localhost:8000``)."""
    return site.root_url


def absolute_url(site, path: str) -> str:
    """``path`` (an absolute path such as a rendition's URL) on the site's canonical root.

    A URL that is already absolute (media on a CDN or in a bucket) is returned unchanged.
    """
    if path.startswith(("http://", "https://", "//")):
        return path
    return f"{site_root_url(site)}/{path.lstrip('/')}"


def network_origins() -> list[str]:
    """Every site's canonical origin (``http://sport.localhost:8000``), from Wagtail's cached
    site root paths."""
    return sorted({root.root_url for root in Site.get_site_root_paths()})


def request_root_url(request) -> str:
    """The canonical root of the site ``request`` is for, with no query where Herald already
    knows the site (the host's memo and Wagtail's cached site root paths)."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site_root_url(site)
    try:
        site_id = site_id_for_host(request.get_host())
    except DisallowedHost:
        site_id = None
    for root in Site.get_site_root_paths() if site_id is not None else ():
        if root.site_id == site_id:
            return root.root_url
    return request.build_absolute_uri("/").rstrip("/")  # no site at all: the request's host


def request_absolute_url(request, path: str) -> str:
    """``path`` on the canonical root of the site ``request`` is for."""
    if path.startswith(("http://", "https://", "//")):
        return path
    return f"{request_root_url(request)}/{path.lstrip('/')}"


def alias_of(host: str) -> str | None:
    """The canonical hostname ``host`` (a Host header) is an alias of, from settings; no query.

    An alias is a host name (any port) or ``host:port`` (that port only).
    """
    host = host.lower()
    domain, _port = split_domain_port(host)
    aliases = getattr(settings, "HERALD_SITE_ALIASES", {}) or {}
    for canonical, names in aliases.items():
        for name in names:
            name = name.lower()
            if name == host or name == domain:
                return canonical.lower()
    return None


def is_redirectable(method: str, path: str) -> bool:
    """Whether a request on an alias is sent to the canonical root: GETs and HEADs only (a POST
    would lose its body), except the health check and the admin."""
    return (
        method in REDIRECTED_METHODS
        and path not in NOT_REDIRECTED_PATHS
        and not path.startswith(NOT_REDIRECTED_PREFIXES)
    )


def canonical_root_remembered(host: str) -> str | None:
    """The canonical root for the alias ``host`` if this process knows it (no query)."""
    remembered = _roots.get(host.lower())
    if remembered and remembered[1] > time.monotonic():
        return remembered[0]
    return None


def canonical_root_for_alias(host: str) -> str | None:
    """The canonical root of the site ``host`` is an alias of; None when it is none's alias."""
    host = host.lower()
    canonical = alias_of(host)
    if canonical is None:
        return None
    remembered = _roots.get(host)
    if remembered and remembered[1] > time.monotonic():
        return remembered[0]
    site = (
        Site.objects.filter(hostname__iexact=canonical).order_by("-is_default_site", "port").first()
    )
    root = site_root_url(site) if site else None
    if len(_roots) >= MEMO_MAX_HOSTS:
        _roots.clear()
    _roots[host] = (root, time.monotonic() + MEMO_SECONDS)
    return root


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
        _site_fields.clear()
    if site is not None:
        _site_fields[site.pk] = {
            field.attname: getattr(site, field.attname) for field in SITE_FIELDS
        }
    _memo[host] = (site_id, time.monotonic() + MEMO_SECONDS)
    return site_id


def site_remembered(host: str) -> Site | None:
    """The site of ``host`` if this process knows it (no query), as a new instance made from
    the remembered fields, so that nothing one request caches on it reaches another."""
    site_id = site_id_remembered(host)
    fields = _site_fields.get(site_id) if site_id is not None else None
    return Site(**fields) if fields else None


def sites_forget():
    """Forget every host (after a Site is saved or deleted in this process)."""
    _memo.clear()
    _site_fields.clear()
    _roots.clear()


__all__ = [
    "DisallowedHost",
    "absolute_url",
    "alias_of",
    "canonical_root_for_alias",
    "canonical_root_remembered",
    "is_redirectable",
    "network_origins",
    "request_absolute_url",
    "request_root_url",
    "site_id_for_host",
    "site_id_remembered",
    "site_root_url",
    "site_remembered",
    "sites_forget",
]
