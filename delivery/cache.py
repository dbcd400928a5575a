"""Mark responses as publicly cacheable and name what they show with surrogate keys.

Every anonymous page is the same for everyone at its URL, so a CDN may keep it; the
``Surrogate-Key`` header lists what the page shows (``site-1 page-42 section-7 tag-economy``) so
that publishing purges exactly the pages that changed.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.cache import patch_cache_control

SURROGATE_KEY_HEADER = "Surrogate-Key"


def surrogate_keys_of(response) -> list[str]:
    return response.headers.get(SURROGATE_KEY_HEADER, "").split()


def cache_publicly(response, *, keys: Iterable[str]):
    """Let browsers and shared caches keep ``response``, adding ``keys`` to its surrogate keys."""
    merged = dict.fromkeys([*surrogate_keys_of(response), *keys])
    response.headers[SURROGATE_KEY_HEADER] = " ".join(merged)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HERALD_PAGE_MAX_AGE,
        s_maxage=settings.HERALD_PAGE_SHARED_MAX_AGE,
    )
    return response


def make_private(response):
    """Keep ``response`` out of every shared cache and drop its surrogate keys."""
    response.headers.pop(SURROGATE_KEY_HEADER, None)
    response.headers["Cache-Control"] = "private, no-store"
    return response
