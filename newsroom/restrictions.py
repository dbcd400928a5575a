"""Pages behind a login, group or password restriction: never in public lists, never stored.

Wagtail asks the database for the restrictions every time: ``PageQuerySet.public()`` in every
list, and ``Page.get_view_restrictions()`` (two queries: the page's ancestors with their alias
sources, then their restrictions) on every page it serves. The restricted paths are cached
instead (they change rarely): the paths of restricted pages, and of the pages that are aliases
of one, since Wagtail holds an alias to its source's restrictions. The memo is dropped whenever
a restriction is saved or deleted, a page is moved (every path below it changes) or an alias
is made (``newsroom.apps``), and kept at most ``HERALD_RESTRICTED_PATHS_SECONDS``.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

CACHE_KEY = "herald:restricted-page-paths"
MAX_ALIAS_DEPTH = 5  # an alias of an alias of ... a restricted page


def restricted_paths() -> list[str]:
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = _paths_read()
        cache.set(CACHE_KEY, paths, timeout=settings.HERALD_RESTRICTED_PATHS_SECONDS)
    return paths


def _paths_read() -> list[str]:
    rows = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
    paths = [path for _, path in rows]
    sources = {page_id for page_id, _ in rows}
    for _ in range(MAX_ALIAS_DEPTH):
        if not sources:
            break
        aliases = list(Page.objects.filter(alias_of_id__in=sources).values_list("id", "path"))
        paths += [path for _, path in aliases]
        sources = {page_id for page_id, _ in aliases}
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
    """Whether a restriction covers ``page``: its own, an ancestor's, or an alias source's."""
    return is_restricted_path(page.path)


def is_restricted_path(tree_path: str) -> bool:
    """``is_restricted`` for the page at ``tree_path`` (Wagtail's ``Page.path``)."""
    return any(tree_path.startswith(path) for path in restricted_paths())


def forget_restricted_paths(**kwargs):
    cache.delete(CACHE_KEY)
    if transaction.get_connection().in_atomic_block:
        # A request reading the memo before the change commits would keep the old paths.
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def forget_when_an_alias_is_made(sender, instance, created=False, **kwargs):
    if created and isinstance(instance, Page) and instance.alias_of_id:
        forget_restricted_paths()
