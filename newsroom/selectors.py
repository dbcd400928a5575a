"""Reads shared by pages, feeds and fragments, shaped so query counts stay flat."""

from collections import Counter

from django.conf import settings
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from wagtail.models import Page

from .restrictions import public_only


def articles_public():
    """Every article readers may see, the one definition: live, and outside every part of the
    tree an editor restricted (pages, feeds, the API and search all start from it)."""
    from .models import ArticlePage

    return public_only(ArticlePage.objects.live())


def galleries_public():
    """Every News in Pictures gallery readers may see (as ``articles_public``)."""
    from .models import GalleryPage

    return public_only(GalleryPage.objects.live())


def count_capped(queryset, cap: int) -> int:
    """How many rows ``queryset`` has, counting no further than ``cap``: an exact count of a big
    section took a second at a million articles. Unordered, so the database needs no sort."""
    if isinstance(queryset, QuerySet):
        return queryset.order_by()[:cap].count()
    return min(len(queryset), cap)


def _articles():
    return (
        articles_public()
        .defer("body")  # lists never show it, and it is the largest column by far
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
        .order_by("-first_published_at", "-pk")
    )


def articles_latest(*, root: Page, limit: int):
    return _articles().descendant_of(root)[:limit]


def articles_in_section(*, section: Page):
    return _articles().descendant_of(section)


def articles_newest_in_section(*, section: Page, leaving_out: Page, limit: int) -> list:
    """Titles for the article's side column: no pictures, so one query."""
    stories = articles_public().descendant_of(section).exclude(pk=leaving_out.pk)
    return list(stories.defer("body").order_by("-first_published_at", "-pk")[:limit])


def articles_tagged(*, root: Page, tag):
    return _articles().descendant_of(root).filter(tagged_items__tag=tag)


def articles_by_author(*, root: Page, author):
    return _articles().descendant_of(root).filter(authors=author)


def _day_start(day, days=0):
    import datetime

    from django.utils import timezone

    midnight = datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time())
    return timezone.make_aware(midnight)


def articles_search(*, root: Page, filters):
    """Live stories of the site (articles, and the page types other apps register, such as
    reader stories) matching the filters' query, best first: through Herald's index on
    PostgreSQL (sitesearch, which ranks the newest matches), Wagtail search elsewhere. The
    results only name pages: ``search_results_specific`` turns one page of them into stories."""
    if not filters.query:
        return []
    from .search import search_models, search_terms

    scope_root = filters.section or root
    models = search_models(filters.kind)
    since = _day_start(filters.start) if filters.start else None
    until = _day_start(filters.end, days=1) if filters.end else None
    pages = public_only(Page.objects.live()).descendant_of(scope_root).type(*models)
    # Whole local days; plain comparisons, which every search backend can filter on.
    if since:
        pages = pages.filter(first_published_at__gte=since)
    if until:
        pages = pages.filter(first_published_at__lt=until)
    # Words only: search operators and stray punctuation mean nothing to readers, and some
    # backends' query syntax (SQLite FTS5) would refuse them.
    words = " ".join(search_terms(filters.query))
    if not words:
        return []
    from sitesearch.documents import is_enabled

    if not is_enabled():
        return pages.search(words)
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    from sitesearch.query import RankedHits, Scope

    # A chosen type includes its subclasses, as PageQuerySet.type() does.
    chosen = [m for m in get_page_models() if issubclass(m, tuple(models))] if filters.kind else []
    types = ContentType.objects.get_for_models(*chosen).values()
    scope = Scope(scope_root, tuple(sorted(t.pk for t in types)), since, until)
    return RankedHits(pages, words, scope)


def search_results_specific(pages):
    """One page of search results as their specific pages, in the same order, with pictures:
    one query per page type, and two for the pictures."""
    from django.contrib.contenttypes.models import ContentType

    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    found = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        pages_of_type = model.objects.filter(pk__in=ids)
        # A page type may name what its list entry shows (a reader story's first picture).
        pages_of_type = pages_of_type.prefetch_related(*getattr(model, "list_prefetch", ()))
        found.update((page.pk, page) for page in pages_of_type)
    results = [found[page.pk] for page in pages if page.pk in found]
    with_pictures = [page for page in results if getattr(page, "lead_image_id", None)]
    prefetch_related_objects(with_pictures, "lead_image__renditions")
    return results


def articles_related(*, article, limit: int):
    """Other stories of the article's site, most shared tags first, then newest.

    Candidates are the stories behind the ``HERALD_RELATED_CANDIDATES`` most recent tag links
    of the article's tags (newest tag links first: the primary key, no join). Counting shared
    tags over a whole archive took seconds a page at a million articles (docs/performance.md).
    """
    from .models import ArticlePageTag

    tag_ids = [tag.pk for tag in article.tag_list]
    if not tag_ids:
        return []
    candidates = (
        ArticlePageTag.objects.filter(tag_id__in=tag_ids)
        .exclude(content_object_id=article.pk)
        .order_by("-pk")
        .values_list("content_object_id", flat=True)[: settings.HERALD_RELATED_CANDIDATES]
    )
    shared = Counter(candidates)
    # A few spares: some candidates may belong to another site of the network or be offline.
    best = sorted(shared, key=lambda pk: (-shared[pk], -pk))[: limit * 5]
    site_root_path = article.path[: article.steplen * 2]
    related = list(_articles().filter(pk__in=best, path__startswith=site_root_path))
    for story in related:
        story.shared_tags = shared[story.pk]
    related.sort(key=lambda story: (story.shared_tags, story.first_published_at, story.pk))
    return related[::-1][:limit]


def sections_with_top_articles(*, home: Page, per_section: int):
    """The home page's section blocks: each top-level section, its newest articles (read only
    when a block is rendered, not when it is kept) and the keys a block shows."""
    from django.utils.functional import SimpleLazyObject

    from . import keys
    from .models import SectionPage

    def top(section):
        return SimpleLazyObject(lambda: list(articles_in_section(section=section)[:per_section]))

    # Picked among the few sections in Python, as section_children does: "children of the home
    # page" is a path prefix and a depth that PostgreSQL misjudges in a big tree.
    sections = [
        section
        for section in SectionPage.objects.live().in_menu().order_by("path")
        if section.depth == home.depth + 1 and section.path.startswith(home.path)
    ]
    return [(section, top(section), keys.section_keys(section)) for section in sections]


def section_children(*, section):
    """The live sub-sections of ``section``, in tree order.

    Sections are few, so they are filtered here: asked for "children of this section" (a path
    prefix and a depth), PostgreSQL misjudged how many pages match in a big tree and scanned a
    million pages for three sub-sections (0.5 s at 1,000,000 articles).
    """
    from .models import SectionPage

    return [
        child
        for child in SectionPage.objects.live().order_by("path")
        if child.depth == section.depth + 1 and child.path.startswith(section.path)
    ]


def site_sections_all(*, home: Page):
    """Every live section of the site, in tree order (for the search filter)."""
    from .models import SectionPage

    return list(SectionPage.objects.live().descendant_of(home).order_by("path"))


def section_trail(*, page: Page):
    """The page's ancestors below the home page (the breadcrumb trail), as specific pages."""
    from .models import SectionPage

    return list(SectionPage.objects.ancestor_of(page).order_by("depth"))


def galleries_in(*, index_page: Page):
    return _galleries().child_of(index_page)


def galleries_latest(*, root: Page, limit: int):
    return _galleries().descendant_of(root)[:limit]


def galleries_of_site(*, site):
    if site is None:
        return _galleries().none()
    return _galleries().descendant_of(site.root_page)


def videos_of_site(*, site):
    """The site's video stories readers may see, newest first, with their lead pictures."""
    from .models import VideoPage

    if site is None:
        return VideoPage.objects.none()
    return (
        public_only(VideoPage.objects.live())
        .descendant_of(site.root_page)
        .defer("body")
        .select_related("lead_image", "video")
        .prefetch_related("lead_image__renditions")
        .order_by("-first_published_at", "-pk")
    )


def gallery_pictures(*, gallery: Page) -> list:
    """A gallery's pictures in their order, with the renditions its pages show."""
    return list(
        gallery.images.select_related("image", "video").prefetch_related("image__renditions")
    )


def _galleries():
    from .models import GalleryImage

    pictures = GalleryImage.objects.select_related("image").prefetch_related("image__renditions")
    return (
        galleries_public()
        .prefetch_related(Prefetch("images", queryset=pictures))
        .order_by("-first_published_at", "-pk")
    )


def articles_local(*, root: Page, place, limit: int, minimum: int):
    """The site's latest stories about ``place``; when it has fewer than ``minimum``, stories
    from elsewhere in its region fill the list (after the place's own)."""
    own = list(articles_latest_for_places(root=root, places=[place.pk], limit=limit))
    if len(own) >= minimum or not place.region:
        return own
    from places.models import Place

    region = Place.objects.filter(country=place.country, region=place.region).exclude(pk=place.pk)
    nearby = (
        _articles()
        .descendant_of(root)
        .filter(place__in=region)
        .select_related("place")[: limit - len(own)]
    )
    return own + list(nearby)


def articles_latest_for_places(*, root: Page, places, limit: int):
    return _articles().descendant_of(root).filter(place__in=places).select_related("place")[:limit]
