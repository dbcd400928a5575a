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


def cache_publicly(
    response,
    *,
    keys: Iterable[str],
    max_age: int | None = None,
    browser_max_age: int | None = None,
):
    """Let browsers and shared caches keep ``response``, adding ``keys`` to its surrogate keys.

    ``max_age`` shortens its life below the usual one, for content that changes at a known
    time (a traffic alert that expires): the page cache honours it too. ``browser_max_age``
    shortens only the browser's copy, which no purge reaches (the API's clients).
    """
    merged = dict.fromkeys([*surrogate_keys_of(response), *keys])
    response.headers[SURROGATE_KEY_HEADER] = " ".join(merged)
    browser, shared = settings.HERALD_PAGE_MAX_AGE, settings.HERALD_PAGE_SHARED_MAX_AGE
    existing = shared_max_age(response)
    if existing is not None:
        shared = min(shared, existing)
    if max_age is not None:
        browser, shared = min(browser, max_age), min(shared, max_age)
    if browser_max_age is not None:
        browser = min(browser, browser_max_age)
    patch_cache_control(response, public=True, max_age=browser)
    patch_cache_control(response, s_maxage=max(shared, 0))
    stale = {
        "stale_while_revalidate": settings.HERALD_STALE_WHILE_REVALIDATE,
        "stale_if_error": settings.HERALD_STALE_IF_ERROR,
    }
    patch_cache_control(response, **{name: value for name, value in stale.items() if value > 0})
    return response


def shared_max_age(response) -> int | None:
    for directive in response.headers.get("Cache-Control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "s-maxage" and value.isdigit():
            return int(value)
    return None


def signed_in_member(request):
    """The signed-in member, or None, looking at the session only when the browser sent one.

    The response then reads differently for members: ``CachePolicyMiddleware`` makes a
    member's render private (it read the session) and gives the anonymous one ``Vary: Cookie``,
    so that caches keep it for browsers without a session only. (Touching the session of a
    browser that sent none would add "Vary: Cookie" too, and make every request read it.)
    """
    request.herald_varies_for_members = True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return request.user if request.user.is_authenticated else None


def surrogate_keys_add(request, keys: Iterable[str], *, max_age: int | None = None):
    """Name what a part rendered inside a page shows (a component with the site's default
    place), so the page is purged with it; CachePolicyMiddleware adds these to the page."""
    request.herald_surrogate_keys = [*getattr(request, "herald_surrogate_keys", []), *keys]
    if max_age is not None:
        current = getattr(request, "herald_max_age", None)
        request.herald_max_age = max_age if current is None else min(current, max_age)


def make_private(response):
    """Keep ``response`` out of every shared cache and drop its surrogate keys."""
    response.headers.pop(SURROGATE_KEY_HEADER, None)
    response.headers["Cache-Control"] = "private, no-store"
    return response
