"""A Redis cache that degrades to "no cache" instead of failing requests.

Django's Redis backend raises when Redis is unreachable, which would turn every page into a 500.
Herald's caches are all optional (pages re-render, rate limits relax, sessions fall back to the
database), so this backend logs the outage, answers as an empty cache, and stops trying for a
few seconds so that an outage costs one connection timeout per interval, not one per call.

Writes that did not happen are not hidden from those who must know: ``set_many`` answers with
every key as failed (Django's contract for the keys it could not set), which is how a purge
learns that its version bump did not reach Redis (``delivery.pagecache.keys_purge``).
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2.0


# Per Redis location, shared by the per-thread cache instances Django creates.
_down_until: dict[str, float] = {}


class ResilientRedisCache(RedisCache):
    @property
    def _down(self):
        return _down_until.get(str(self._servers), 0.0) > time.monotonic()

    def _mark_down(self, exc):
        if not self._down:
            logger.warning("Redis cache unreachable (%s); carrying on without it", exc)
        _down_until[str(self._servers)] = time.monotonic() + RETRY_AFTER_SECONDS

    def _guarded(method, fallback):  # noqa: N805 (a decorator used in the class body)
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if self._down:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self._mark_down(exc)
                return fallback(*args, **kwargs)

        return call

    get = _guarded(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _guarded(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _guarded(RedisCache.has_key, lambda *args, **kwargs: False)
    add = _guarded(RedisCache.add, lambda *args, **kwargs: False)
    set = _guarded(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _guarded(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = _guarded(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _guarded(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _guarded(RedisCache.delete_many, lambda *args, **kwargs: None)
    clear = _guarded(RedisCache.clear, lambda *args, **kwargs: False)

    def incr(self, key, delta=1, version=None):
        # incr's "missing key" ValueError must still reach the caller; only outages are hidden.
        if self._down:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except (RedisError, OSError) as exc:
            self._mark_down(exc)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from exc

    del _guarded
