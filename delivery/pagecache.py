"""Herald's own page cache: pages kept whole for readers and members, purged by surrogate key.

An entry is a rendered response (status, headers, body) stored under the site, the path and the
normalised query. Besides its own freshness it remembers the version of each surrogate key it
was rendered under; purging a key bumps that version, so every entry naming the key turns stale
at once without anyone having to find those entries. Stale entries are kept for a while: they
are what other readers get while one request renders the new copy (stale-while-revalidate), and
what everyone gets while the database is down (stale-if-error).

An entry also keeps the body's Brotli and gzip encodings, made once when it is stored
(``delivery.compression``): a hit sends the one the client accepts best, with an ETag of its own.

The same functions serve the ASGI front door (``delivery.asgi``), which answers hits before
Django runs, and the middleware (``delivery.middleware.PageCacheMiddleware``), which stores
what Django renders.

Where a purge has to land, and what happens when it cannot:

- **The shared cache.** With Redis every process reads the same entries and versions, so a
  purge is one ``set_many`` of the keys' versions (``keys_purge``). It is made twice: in the
  process that committed the change, at once, and by the ``cache_purge`` task
  (``delivery.tasks``), which reaches Varnish and CDNs too and is retried, a second or two
  apart, until every cache has it (``delivery.purge``).
- **The process's memo.** A hot page is answered from ``_local`` for up to
  ``HERALD_PAGE_CACHE_LOCAL_SECONDS`` without reading the shared cache. A purge in this process
  empties it; one made elsewhere is seen once the memo's moment is over.
- **A purge that does not reach the shared cache** (Redis paused, timing out, or marked down by
  ``ResilientRedisCache``, which then answers ``set_many`` with every key as failed) would
  otherwise leave the old entries there, fresh, for up to ``HERALD_PAGE_CACHE_TTL`` once Redis
  answers again. So ``keys_purge`` reports it (False): the task counts the shared cache as not
  reached and runs again. And the process notes each such key, with the time of the purge, in
  ``_untrusted``: an entry naming one of them, stored before that time, is stale to
  ``entry_lookup`` and to the memo (rendered anew, never served as a HIT) whatever the shared
  cache says. On the lookup path the process pushes the pending versions again, at most once
  every ``UNTRUSTED_RETRY_SECONDS``; once a push lands the keys leave the set, and the bumped
  versions make the old entries stale for every process. A render that started before such a
  purge is stored stale (``entry_store``), as when a purge races a render. A record older than
  ``HERALD_PAGE_CACHE_TTL`` is dropped: every entry stored before it has expired by then.
  Other processes learn of the purge only from the shared cache: within a retry of the task
  (and a memo's moment) after Redis is back.
- **The hot path.** With nothing pending, a hit costs one more test of an empty dict.
"""

import functools
import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_vary_headers

from .cache import SURROGATE_KEY_HEADER, shared_max_age
from .compression import IDENTITY, encoding_chosen, encodings_make, etag_encoded
from .routes import route_query_params

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Herald-Cache"
HIT, MISS, STALE, STALE_IF_ERROR = "HIT", "MISS", "STALE", "STALE-IF-ERROR"
FRESH_STATE, STALE_STATE = "fresh", "stale"
# Headers that belong to one exchange, not to the stored page.
UNSTORED_HEADERS = {"set-cookie", "date", "age", CACHE_HEADER.lower()}
MAX_QUERY_LENGTH = 512


def page_cache():
    return caches[settings.HERALD_PAGE_CACHE_ALIAS]


class PageRequest(NamedTuple):
    """What the page cache needs to know of a request, from ASGI or from Django (a tuple:
    made on every hit, and cheaper to make than a frozen dataclass)."""

    method: str
    path: str
    query_string: str
    cookies: frozenset[str]
    if_none_match: str = ""
    if_modified_since: str = ""
    accept_encoding: str = ""


def cookie_names(cookie_header: str) -> frozenset[str]:
    """The names of the cookies sent with a value (an emptied ``messages=`` holds none)."""
    pairs = (part.split("=", 1) for part in cookie_header.split(";") if "=" in part)
    return frozenset(name.strip() for name, value in pairs if value.strip(' "'))


@functools.cache
def _hit_rules() -> tuple[bool, tuple[str, ...], frozenset[str]]:
    """The settings every hit reads, read once (``forget_hit_rules`` on a change)."""
    return (
        settings.HERALD_PAGE_CACHE,
        tuple(settings.HERALD_PAGE_CACHE_SKIP_PATHS),
        frozenset(settings.HERALD_PAGE_CACHE_BYPASS_COOKIES),
    )


def is_cacheable_request(page_request: PageRequest) -> bool:
    """GET or HEAD, outside the private areas, from a browser with no message waiting.

    A session does not count: what is stored was rendered without reading one, so it is the
    same page for a member (``Entry.serves`` leaves out the pages that say otherwise).
    """
    enabled, skip_paths, bypass_cookies = _hit_rules()
    if not enabled or page_request.method not in ("GET", "HEAD"):
        return False
    if page_request.path.startswith(skip_paths):
        return False
    return not (page_request.cookies & bypass_cookies)


def is_member_request(page_request: PageRequest) -> bool:
    """Whether the browser sent a session cookie (signed in, or was once)."""
    return settings.SESSION_COOKIE_NAME in page_request.cookies


def query_normalised(query_string: str, path: str = "") -> str | None:
    """The parameters the page at ``path`` reads, sorted; others dropped. None when too long.

    Dropping unknown parameters is what stops ``?random=123`` from filling the cache; the
    middleware hands views the same normalised query, so a view can't depend on one either.
    A route that declares its own parameters (``delivery.routes``: the API) is keyed on those
    only, one value each (the last one given, which is the one Django's ``request.GET`` reads),
    blank values included.
    """
    if not query_string:
        return ""
    declared = route_query_params(path) if path else None
    if declared is None:
        allowed = settings.HERALD_PAGE_CACHE_QUERY_PARAMS
        pairs = parse_qsl(query_string, keep_blank_values=False)
        pairs = sorted((name, value) for name, value in pairs if name in allowed)
    else:
        # Blank values kept: ``?until=`` is a bad value the route answers 400 to, not no value.
        pairs = parse_qsl(query_string, keep_blank_values=True)
        pairs = sorted({name: value for name, value in pairs if name in declared}.items())
    normalised = urlencode(pairs)
    return None if len(normalised) > MAX_QUERY_LENGTH else normalised


def page_key(site_id: int, page_request: PageRequest) -> str | None:
    query = query_normalised(page_request.query_string, page_request.path)
    if query is None:
        return None
    return _page_key(site_id, page_request.path, query)


@functools.lru_cache(maxsize=4096)  # the hot pages' keys, worked out once per process
def _page_key(site_id: int, path: str, query: str) -> str:
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:32]
    return f"page:{site_id}:{digest}"


HIT_SETTINGS = {
    "HERALD_PAGE_CACHE",
    "HERALD_PAGE_CACHE_SKIP_PATHS",
    "HERALD_PAGE_CACHE_BYPASS_COOKIES",
}


def forget_hit_rules(*, setting, **kwargs):
    """``setting_changed``: the settings a hit reads are read again (tests change them)."""
    if setting in HIT_SETTINGS:
        _hit_rules.cache_clear()


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    stored_at: float
    fresh_until: float
    key_versions: dict[str, float]
    # Encoding ("br", "gzip") -> the body so encoded, made once when stored (delivery.compression).
    encoded: dict[str, bytes] | None = None

    @property
    def etag(self) -> str:
        for name, value in self.headers:
            if name.lower() == "etag":
                return value
        return ""

    def encoding_for(self, page_request: PageRequest) -> str:
        """The stored encoding to send for ``page_request`` (``identity``: the body as it is)."""
        return encoding_chosen(page_request.accept_encoding, self.encoded or {})

    def body_for(self, encoding: str) -> bytes:
        return (self.encoded or {}).get(encoding, self.body)

    @property
    def varies_for_members(self) -> bool:
        """Whether the page said it reads differently with a session (``Vary: Cookie``): the
        copy is the anonymous reader's, and a member gets a private render instead."""
        varies = self.__dict__.get("_varies")
        if varies is None:
            vary = ",".join(v for n, v in self.headers if n.lower() == "vary")
            varies = self.__dict__["_varies"] = "cookie" in vary.lower().replace(" ", "").split(",")
        return varies

    def serves(self, page_request: PageRequest) -> bool:
        """Whether this copy is the page ``page_request`` would get if it were rendered."""
        return not (self.varies_for_members and is_member_request(page_request))

    def not_modified_for(self, page_request: PageRequest, encoding: str = IDENTITY) -> bool:
        if page_request.if_none_match:
            # The weak comparison (RFC 9110 13.1.2), against the tag of the encoding sent.
            tags = {tag.strip().removeprefix("W/") for tag in page_request.if_none_match.split(",")}
            etag = etag_encoded(self.etag, encoding).removeprefix("W/")
            return bool(etag) and (etag in tags or "*" in tags)
        if page_request.if_modified_since:
            try:
                since = parsedate_to_datetime(page_request.if_modified_since).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return int(self.stored_at) <= since
        return False

    def headers_for(self, state: str, encoding: str = IDENTITY) -> list[tuple[str, str]]:
        # No Age header: this cache is part of the origin, kept exact by purges, and an Age
        # would shorten the s-maxage that Varnish or a CDN gives the copy.
        if encoding == IDENTITY or encoding not in (self.encoded or {}):
            return [*self.headers, (CACHE_HEADER, state)]
        replaced = {"content-length", "etag", "content-encoding"}
        headers = [(name, value) for name, value in self.headers if name.lower() not in replaced]
        headers += [
            ("Content-Encoding", encoding),
            ("Content-Length", str(len(self.encoded[encoding]))),
        ]
        if self.etag:
            headers.append(("ETag", etag_encoded(self.etag, encoding)))
        return [*headers, (CACHE_HEADER, state)]

    def asgi_headers_for(self, state: str, encoding: str = IDENTITY) -> list[tuple[bytes, bytes]]:
        """The headers as the ASGI server wants them, encoded once per entry, state and
        encoding."""
        encoded = self.__dict__.setdefault("_asgi_headers", {})
        if (state, encoding) not in encoded:
            encoded[state, encoding] = [
                (name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in self.headers_for(state, encoding)
            ]
        return encoded[state, encoding]


def _version_names(keys) -> list[str]:
    return [f"sk:{key}" for key in keys]


# Version names (``sk:<key>``) whose purge did not reach the shared cache -> the time.time() of
# the latest such purge. Shared by the threads of the process (the ASGI loop, Django's threads,
# the embedded worker); written under the lock, read without it.
_untrusted: dict[str, float] = {}
_untrusted_lock = threading.Lock()
_untrusted_retry_due = 0.0  # time.monotonic() of the next push of the pending versions
UNTRUSTED_RETRY_SECONDS = 1.0


def _distrusted(entry: "Entry") -> bool:
    """Whether ``entry`` names a key whose purge is pending and was stored before it."""
    for name in entry.key_versions:
        since = _untrusted.get(name)
        if since is not None and entry.stored_at <= since:
            return True
    return False


def _untrusted_note(names, purged_at: float) -> None:
    with _untrusted_lock:
        for name in names:
            _untrusted[name] = max(_untrusted.get(name, 0.0), purged_at)
    _local.clear()


def untrusted_retry(*, force: bool = False) -> bool:
    """Push the pending versions to the shared cache again (at most once a second unless
    ``force``); True when nothing is pending any more."""
    global _untrusted_retry_due
    if not _untrusted:
        return True
    now = time.monotonic()
    if not force and now < _untrusted_retry_due:
        return False
    _untrusted_retry_due = now + UNTRUSTED_RETRY_SECONDS
    with _untrusted_lock:
        expired = time.time() - settings.HERALD_PAGE_CACHE_TTL
        for name in [name for name, since in _untrusted.items() if since < expired]:
            del _untrusted[name]  # every entry stored before it is past its freshness anyway
        pending = dict(_untrusted)
    if not pending:
        return True
    # A new version for each: every entry stored before now, old copies included, is stale.
    if page_cache().set_many(dict.fromkeys(pending, time.time()), timeout=None):
        return False  # still unreachable (set_many names the keys it could not set)
    with _untrusted_lock:
        for name, since in pending.items():
            if _untrusted.get(name) == since:  # not purged (and missed) again meanwhile
                del _untrusted[name]
        done = not _untrusted
    _local.clear()
    logger.info("Pending purges reached the shared page cache: %s", " ".join(pending))
    return done


def entry_lookup(key: str) -> tuple[Entry | None, str | None]:
    """The entry under ``key`` and whether it is fresh or stale (None, None when absent)."""
    if _untrusted:
        untrusted_retry()
    return _entry_lookup(key)


def _entry_lookup(key: str) -> tuple[Entry | None, str | None]:
    cache = page_cache()
    entry = cache.get(key)
    if not isinstance(entry, Entry):
        return None, None
    if entry.key_versions:
        names = list(entry.key_versions)
        if cache.get_many(names) != entry.key_versions:
            return entry, STALE_STATE
        if _untrusted and _distrusted(entry):
            return entry, STALE_STATE
    if entry.fresh_until < time.time():
        return entry, STALE_STATE
    return entry, FRESH_STATE


# Fresh entries this process has just read, unpickled and checked, with when to check again:
# a hot page is read from the shared cache once per HERALD_PAGE_CACHE_LOCAL_SECONDS instead of
# on every request. Purges made in this process clear it at once; purges made elsewhere reach
# this process within that interval.
_local: dict[str, tuple["Entry", float]] = {}
LOCAL_MAX_ENTRIES = 1000


def entry_lookup_local(key: str) -> tuple["Entry | None", str | None]:
    """``entry_lookup``, answered from the process's memo while it is recent."""
    if _untrusted:
        untrusted_retry()
    remembered = _local.get(key)
    now = time.monotonic()
    if (
        remembered
        and remembered[1] > now
        and remembered[0].fresh_until > time.time()
        and not (_untrusted and _distrusted(remembered[0]))
    ):
        return remembered[0], FRESH_STATE
    entry, state = _entry_lookup(key)
    if state == FRESH_STATE and settings.HERALD_PAGE_CACHE_LOCAL_SECONDS > 0:
        if len(_local) >= LOCAL_MAX_ENTRIES:
            _local.clear()
        _local[key] = (entry, now + settings.HERALD_PAGE_CACHE_LOCAL_SECONDS)
    else:
        _local.pop(key, None)
    return entry, state


def is_storable(response) -> bool:
    """A complete 200 that its view marked public, with surrogate keys and no cookies."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies or SURROGATE_KEY_HEADER not in response.headers:
        return False
    cache_control = response.headers.get("Cache-Control", "")
    return "public" in cache_control and "private" not in cache_control


def key_versions_since(keys, *, render_started: float) -> tuple[dict, bool]:
    """The current versions of ``keys`` (made when missing) for something rendered from
    ``render_started`` on, and whether a purge of one of them raced that render."""
    cache = page_cache()
    names = _version_names(keys)
    versions = cache.get_many(names)
    missing = [name for name in names if name not in versions]
    if missing:
        for name in missing:
            cache.add(name, 0.0, timeout=None)
        versions = cache.get_many(names)
    raced = len(versions) != len(names) or any(v > render_started for v in versions.values())
    if _untrusted and not raced:  # a purge that has not reached the shared cache yet
        raced = any(_untrusted.get(name, 0.0) >= render_started for name in names)
    return versions, raced


def key_versions_unchanged(versions: dict, seen: dict | None = None) -> bool:
    """Whether no key of ``versions`` (from ``key_versions_since``) was purged since.

    ``seen`` holds the versions one request has read already, and gains those it had not: the
    parts of a page share most of their keys, so each is read once a request, not once a part.
    """
    if not versions:
        return True
    if seen is None:
        current = page_cache().get_many(list(versions))
    else:
        missing = [name for name in versions if name not in seen]
        if missing:
            seen.update(page_cache().get_many(missing))
        current = seen
    if any(current.get(name) != version for name, version in versions.items()):
        return False
    return not _untrusted or not any(name in _untrusted for name in versions)


def entry_store(key: str, response, *, render_started: float) -> bool:
    """Keep ``response`` under ``key``. Returns False when a purge raced the render."""
    return entry_keep(key, response, render_started=render_started).fresh_until > 0.0


def entry_keep(key: str, response, *, render_started: float) -> Entry:
    """Keep ``response`` under ``key``, with its compressed encodings, and return the entry.

    A purge that lands while the page renders may have been missed by the render, so the entry
    is then stored already stale: served only while the next render runs, never as fresh.
    """
    cache = page_cache()
    versions, raced = key_versions_since(
        response.headers[SURROGATE_KEY_HEADER].split(), render_started=render_started
    )
    now = time.time()
    ttl = settings.HERALD_PAGE_CACHE_TTL
    shorter = shared_max_age(response)
    if shorter is not None and shorter < settings.HERALD_PAGE_SHARED_MAX_AGE:
        ttl = min(ttl, shorter)  # content that changes at a known time (see cache_publicly)
    if "Last-Modified" not in response.headers:
        response.headers["Last-Modified"] = formatdate(now, usegmt=True)
    encoded = {}
    if "Content-Encoding" not in response.headers:
        encoded = encodings_make(response.content, response.headers.get("Content-Type", ""))
    if encoded:
        patch_vary_headers(response, ["Accept-Encoding"])  # the identity copy too
    entry = Entry(
        status=response.status_code,
        headers=[(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS],
        body=response.content,
        stored_at=now,
        fresh_until=0.0 if raced else now + ttl,
        key_versions=versions,
        encoded=encoded or None,
    )
    cache.set(key, entry, timeout=ttl + settings.HERALD_PAGE_CACHE_STALE)
    _local.pop(key, None)
    return entry


def entry_drop(key: str):
    _local.pop(key, None)
    page_cache().delete(key)


def keys_purge(keys) -> bool:
    """Turn stale every cached page that names any of ``keys`` (in this cache only).

    False when the new versions did not reach the shared cache: the caller must try again
    (the purge task does), and until one try lands this process distrusts its copies of pages
    naming those keys (see the module's docstring).
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return True
    now = time.time()
    names = _version_names(keys)
    failed = page_cache().set_many(dict.fromkeys(names, now), timeout=None)
    _local.clear()
    if failed:  # the names it could not set: all of them, from ResilientRedisCache
        _untrusted_note(names, now)
        logger.debug("Purge of %s did not reach the shared page cache", " ".join(keys))
        return False
    if _untrusted:
        with _untrusted_lock:
            for name in names:
                if _untrusted.get(name, now) <= now:  # this purge's version covers it
                    _untrusted.pop(name, None)
    logger.debug("Purged %s", " ".join(keys))
    return True


def render_lock_acquire(key: str) -> bool:
    return page_cache().add(f"{key}:render", 1, timeout=settings.HERALD_PAGE_CACHE_LOCK_SECONDS)


def render_lock_release(key: str) -> None:
    page_cache().delete(f"{key}:render")


def render_lock_held(key: str) -> bool:
    return page_cache().get(f"{key}:render") is not None
