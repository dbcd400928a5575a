"""/multimedia/: a site's video stories, galleries and reader pictures, newest first.

Each kind of item is a ``MultimediaKind``, registered with the ``herald_multimedia_kinds``
Wagtail hook (a function returning a list of kinds): the newsroom registers its video stories
and its News in Pictures galleries, ``community`` its User Galleries pictures. A page type of
another kind joins by registering a kind of its own, and by setting ``is_multimedia = True`` on
its page class so that its publish purges the multimedia lists (``newsroom.purging``).

Pages of the list are merged in two steps so that a deep page stays cheap: each kind's newest
``(date, pk)`` pairs, one small query a kind, are merged; then only the items of the page
shown are loaded, one query (and its prefetches) a kind.
"""

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from wagtail import hooks

from . import selectors


@dataclass(frozen=True)
class MultimediaItem:
    kind: str
    title: str
    url: str
    image: object  # a Wagtail image, or None
    date: object  # an aware datetime


@dataclass(frozen=True)
class MultimediaKind:
    slug: str  # ``?kind=<slug>`` on /multimedia/
    label: str  # the filter's label: "Galleries"
    # (site) -> a queryset of the site's live items, newest first ("-first_published_at", "-pk")
    queryset: Callable
    # (object, request) -> a MultimediaItem
    item: Callable
    # Offered in the filter even while the site has none (videos appear once there are some).
    always_offered: bool = False


def multimedia_kinds() -> list[MultimediaKind]:
    """Every registered kind, in ``INSTALLED_APPS`` order (``herald_multimedia_kinds``)."""
    kinds = {}
    for fn in hooks.get_hooks("herald_multimedia_kinds"):
        kinds.update((kind.slug, kind) for kind in fn() if kind.slug not in kinds)
    return list(kinds.values())


def page_size() -> int:
    return settings.HERALD_MULTIMEDIA_PAGE_SIZE


class MultimediaNewest:
    """The site's items of ``kinds`` as one newest-first sequence a ``Paginator`` can slice."""

    def __init__(self, kinds, *, site, request, cap: int):
        self.kinds, self.site, self.request, self.cap = kinds, site, request, cap

    def count(self) -> int:
        counts = (selectors.count_capped(kind.queryset(self.site), self.cap) for kind in self.kinds)
        return min(sum(counts), self.cap)

    def __len__(self):
        return self.count()

    def __getitem__(self, window: slice) -> list[MultimediaItem]:
        start, stop = window.start or 0, min(window.stop, self.cap)
        if stop <= start:
            return []
        heads = [
            [(date, pk, kind.slug) for date, pk in self._dated(kind)[:stop]] for kind in self.kinds
        ]
        chosen = list(heapq.merge(*heads, reverse=True))[start:stop]
        loaded = {}
        for kind in self.kinds:
            pks = [pk for _date, pk, slug in chosen if slug == kind.slug]
            if pks:
                for obj in kind.queryset(self.site).filter(pk__in=pks):
                    loaded[kind.slug, obj.pk] = kind.item(obj, self.request)
        return [loaded[slug, pk] for _date, pk, slug in chosen if (slug, pk) in loaded]

    def _dated(self, kind):
        return kind.queryset(self.site).values_list("first_published_at", "pk")


def multimedia_latest(*, site, request, limit: int) -> list[MultimediaItem]:
    """The site's ``limit`` newest items (the home page's block): for a few, loading each
    kind's newest outright costs fewer queries than the two steps of a page."""
    newest = [
        kind.item(obj, request)
        for kind in multimedia_kinds()
        for obj in kind.queryset(site)[:limit]
    ]
    return sorted(newest, key=lambda item: item.date, reverse=True)[:limit]


def multimedia_page(*, site, request, kinds, number):
    """One page of the list; a page number that is not one is the first page, one past the
    last is the last (``Paginator.get_page``)."""
    cap = settings.HERALD_LIST_MAX_PAGES * page_size()
    newest = MultimediaNewest(kinds, site=site, request=request, cap=cap)
    return Paginator(newest, page_size()).get_page(number)


def kinds_offered(*, site, kinds) -> list[MultimediaKind]:
    """The filter's kinds: those always offered, and the others once the site has one."""
    return [k for k in kinds if k.always_offered or k.queryset(site).exists()]


def _gallery_item(gallery, request) -> MultimediaItem:
    return MultimediaItem(
        kind="galleries",
        title=gallery.title,
        url=gallery.get_url(request),
        image=gallery.cover,
        date=gallery.first_published_at,
    )


def _video_item(story, request) -> MultimediaItem:
    return MultimediaItem(
        kind="videos",
        title=story.title,
        url=story.get_url(request),
        image=story.lead_image,
        date=story.first_published_at,
    )


def videos_kind() -> MultimediaKind:
    """Video stories (``VideoPage``, registered in ``newsroom.wagtail_hooks``)."""
    return MultimediaKind(
        slug="videos",
        label="Videos",
        queryset=lambda site: selectors.videos_of_site(site=site),
        item=_video_item,
    )


def galleries_kind() -> MultimediaKind:
    """News in Pictures galleries (registered in ``newsroom.wagtail_hooks``)."""
    return MultimediaKind(
        slug="galleries",
        label="Galleries",
        queryset=lambda site: selectors.galleries_of_site(site=site),
        item=_gallery_item,
        always_offered=True,
    )
