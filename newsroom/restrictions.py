"""Pages behind a login, group or password restriction never appear in public lists.

Wagtail's ``PageQuerySet.public()`` asks the database for the restrictions every time it is
called; listing pages call it several times each. The restricted paths are cached instead (they
change rarely) and dropped whenever a restriction is saved or deleted.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

CACHE_KEY = "herald:restricted-page-paths"


def restricted_paths() -> list[str]:
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(CACHE_KEY, paths, timeout=3600)
    return paths


def public_only(queryset):
    """``queryset`` without pages in (or below) a restricted page."""
    paths = restricted_paths()
    if not paths:
        return queryset
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return queryset.exclude(q)


def is_restricted(page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


def forget_restricted_paths(**kwargs):
    cache.delete(CACHE_KEY)
