"""Herald's one rate limiter: at most ``events`` in any ``seconds`` for each subject.

A subject is whatever one allowance belongs to — a member (``member-42``), an address's keyed
hash (``ip-…``). Callers ask first (``limits_wait``: how long until one more is allowed) and
count only what really happened (``limits_count``), so a refused or failed attempt costs nothing.

The window rolls. It is cut into at most 60 buckets (``seconds / 60`` each, at least a second),
and each bucket is a counter in Django's cache that ``cache.add`` and ``cache.incr`` bump
atomically, on local memory and on Redis alike; a window's count is the sum of the buckets it
covers, read in one ``get_many``. So an allowance of 30 an hour spent at 10:59 comes back bucket
by bucket from 11:58 (a clock-hour counter let 60 through between 10:59 and 11:01), and the
wait told to the member is when enough old buckets leave the window, to within one bucket.

The limits live in the cache because they protect Herald against bursts, not records that must
be kept: when Redis is down, ``delivery.redis_cache.ResilientRedisCache`` answers as an empty
cache and limits relax until it is back, rather than refusing everyone. (An allowance that must
hold through an outage is counted in the database instead: ``uploads.services``.)

Why not a library: django-ratelimit and ninja's throttles are keyed by the request and count in
one step with the check, and django-ratelimit's windows are fixed clock intervals; ``limits``
keeps its own storage beside Django's cache, outside Herald's outage handling and key prefix.
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache

MAX_BUCKETS = 60


def _clock() -> float:
    return time.time()


@dataclass(frozen=True)
class Limit:
    """At most ``events`` in any ``seconds``; ``name`` keeps one limit's counts apart from
    another's. A limit with no events or no seconds (a setting at 0) limits nothing."""

    name: str
    events: int
    seconds: int

    @property
    def off(self) -> bool:
        return self.events <= 0 or self.seconds <= 0

    @property
    def bucket_seconds(self) -> int:
        return max(1, math.ceil(self.seconds / MAX_BUCKETS))

    @property
    def buckets(self) -> int:
        return math.ceil(self.seconds / self.bucket_seconds)

    def keys(self, subject: str, now: float) -> list[tuple[int, str]]:
        """The window's buckets at ``now``, oldest first, as (bucket number, cache key)."""
        current = int(now // self.bucket_seconds)
        first = current - self.buckets + 1
        return [(b, f"ratelimits:{self.name}:{subject}:{b}") for b in range(first, current + 1)]


def limits_wait(limits, subjects, *, now: float | None = None) -> int | None:
    """Seconds until every limit allows one more event for every subject; None: allowed now."""
    now = _clock() if now is None else now
    waits = [
        wait
        for limit in limits
        if not limit.off
        for subject in subjects
        if (wait := _wait(limit, subject, now)) is not None
    ]
    return max(waits) if waits else None


def _wait(limit: Limit, subject: str, now: float) -> int | None:
    buckets = limit.keys(subject, now)
    counts = cache.get_many([key for _, key in buckets])
    left = sum(counts.values())
    if left < limit.events:
        return None
    for number, key in buckets:
        left -= counts.get(key, 0)
        if left < limit.events:
            # This bucket leaves the window when the window starts after it.
            leaves_at = (number + limit.buckets) * limit.bucket_seconds
            return max(math.ceil(leaves_at - now), 1)
    return limit.seconds  # not reached: the last bucket alone cannot hold more than was summed


def limits_count(limits, subjects, *, now: float | None = None) -> None:
    """Count one event against every limit for every subject."""
    now = _clock() if now is None else now
    for limit in limits:
        if limit.off:
            continue
        ttl = (limit.buckets + 1) * limit.bucket_seconds
        for subject in subjects:
            _, key = limit.keys(subject, now)[-1]
            if not cache.add(key, 1, ttl):
                try:
                    cache.incr(key)
                except ValueError:  # expired in between, or the cache is unreachable
                    cache.set(key, 1, ttl)
