"""Parts of pages kept rendered between renders, invalidated by the same surrogate keys.

Many pages show the same part (the header's sections, a section's newest stories on the home
page, a place's weather): once rendered it is kept in the page cache's store with the version
of each key it shows, and reused while none of them has been purged since, so a purge makes
stale exactly the parts that show what changed. A part whose content ends by itself (a traffic
alert, a forecast) also names how long it may be kept. Pages that miss the page cache (a purge,
a new query) then cost only what changed.

Within one request (``versions_read_once``, which the page cache's middleware opens), each key's
version is read from the store once, however many parts show it: with Redis that was a round
trip per part. The request sees the versions as they were when it first read them; a purge that
lands meanwhile reaches the next request, and a page stored by this one is stored stale (the
page cache's own check at the end of a render, ``key_versions_since``).

A request also fetches ahead, in one round trip, the parts and versions the same page read the
last time this process rendered it (its plan), instead of one round trip per part. A plan is
only a guess of what the page will read: a part it missed is read on its own, and one it named
but the page no longer shows costs nothing but its bytes.
"""

import contextlib
import dataclasses
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings

from .pagecache import key_versions_since, key_versions_unchanged, page_cache

PLANS_MAX = 1000
_ABSENT = object()


@dataclass
class _Reads:
    """What one request has read of the store for its parts."""

    versions: dict = field(default_factory=dict)  # version name -> version, as first read
    ahead: dict = field(default_factory=dict)  # part cache key -> what its plan fetched
    asked: list = field(default_factory=list)  # the cache keys read by ``read_ahead``


_reads: ContextVar[_Reads | None] = ContextVar("herald_part_reads", default=None)
# A page (host and path) -> the cache keys and the version names its last render read.
_plans: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


@contextlib.contextmanager
def versions_read_once(page: str | None = None):
    """Read each key's version once for the parts rendered inside (one request); with
    ``page``, fetch what that page read last time in one go, and learn what it reads now."""
    reads = _Reads()
    plan = _plans.get(page) if page and settings.HERALD_FRAGMENT_CACHE else None
    if plan:
        parts, names = plan
        found = page_cache().get_many([*parts, *names])
        reads.ahead = {key: found.get(key) for key in parts}
        reads.versions = {name: found[name] for name in names if name in found}
    token = _reads.set(reads)
    try:
        yield
    finally:
        _reads.reset(token)
    if page and reads.asked:
        learnt = (tuple(dict.fromkeys(reads.asked)), tuple(reads.versions))
        if learnt != plan:
            if len(_plans) >= PLANS_MAX:
                _plans.clear()
            _plans[page] = learnt


@dataclass
class Part:
    html: str
    keys: list[str]
    max_age: int | None = None


@dataclass
class Facts:
    """What a page needs to know before it renders (which section it is in, the keys it
    shows), kept like a part when reading it costs queries."""

    value: object
    keys: list[str]
    max_age: int | None = None


@dataclass
class _Kept:
    part: Part | Facts
    versions: dict
    fresh_until: float


def read_ahead(cache_key: str):
    """``page_cache().get(cache_key)``, from what the request fetched ahead when its plan
    named it; learnt for the page's next request."""
    reads = _reads.get()
    if reads is None:
        return page_cache().get(cache_key)
    reads.asked.append(cache_key)
    kept = reads.ahead.pop(cache_key, _ABSENT)
    return page_cache().get(cache_key) if kept is _ABSENT else kept


def part_cached(name: str, render: Callable[[], Part]) -> Part:
    """The part kept under ``name`` while its keys are unpurged and its time lasts, else
    ``render()``, kept for the next page. ``name`` must say everything the part depends on
    besides its keys (the site, the place, the page's revision)."""
    return _kept_or_made(f"part:{name}", render)


def facts_cached(name: str, read: Callable[[], Facts]) -> Facts:
    """``read()``'s facts kept under ``name`` as a part is: until one of their keys is purged."""
    return _kept_or_made(f"facts:{name}", read)


def _kept_or_made(cache_key, render):
    if not settings.HERALD_FRAGMENT_CACHE:
        return render()
    cache = page_cache()
    reads = _reads.get()
    kept = read_ahead(cache_key)
    now = time.time()
    if isinstance(kept, _Kept) and kept.fresh_until > now:
        if key_versions_unchanged(kept.versions, reads.versions if reads else None):
            if kept.part.max_age is None:
                return kept.part
            # What ends by itself ends at the same moment, however late the part is reused.
            return dataclasses.replace(kept.part, max_age=max(0, int(kept.fresh_until - now)))
    started = time.time()
    part = render()
    if not part.keys:  # nothing would ever say it changed: never kept on a guess of a lifetime
        return part
    versions, raced = key_versions_since(part.keys, render_started=started)
    if not raced:
        ttl = settings.HERALD_FRAGMENT_CACHE_TTL
        if part.max_age is not None:
            ttl = min(ttl, part.max_age)
        if ttl > 0:
            cache.set(cache_key, _Kept(part, versions, started + ttl), timeout=ttl)
    return part
