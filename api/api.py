"""The public read API, ``/api/v1/``: anonymous, read-only, rate-limited, cacheable.

Built on django-ninja (which Wagtail already brings) for validation and the OpenAPI document.
"""

import math
import re
from datetime import UTC, datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle
from pydantic import BaseModel, Field, field_validator
from taggit.models import Tag
from wagtail.models import Site

from community.models import ReaderStoryPage
from community.selectors import mynews_index_of, pictures_published, stories_published
from components.keys import listings_keys, traffic_keys
from components.models import ListingCategory
from components.services import (
    alerts_current,
    alerts_next_change,
    listings_upcoming,
    seconds_until,
)
from delivery.cache import cache_publicly
from delivery.sites import request_root_url
from newsroom.keys import (
    author_keys,
    authors_keys,
    page_keys,
    site_keys,
    sites_keys,
    tag_keys,
    tags_keys,
)
from newsroom.models import Author, SectionPage
from newsroom.selectors import articles_public, count_capped
from places.models import Place

from . import keys as api_keys
from . import selectors
from .schemas import (
    ArticleDetail,
    ArticleSummary,
    AuthorOut,
    Error,
    GalleryOut,
    IndexOut,
    ListingOut,
    ReaderPictureOut,
    ReaderStoryDetail,
    ReaderStorySummary,
    SectionOut,
    SiteOut,
    TagOut,
    TrafficAlertOut,
)
from .serializers import (
    article_detail,
    article_summary,
    gallery,
    listing,
    reader_picture,
    reader_story,
    section,
    section_ids_by_path,
    site_out,
    traffic_alert,
)

ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
SLUG = r"^[A-Za-z0-9_-]+$"  # the document says so: other characters never name anything

# Every operation may answer these; the OpenAPI document says so.
ERRORS = {400: Error, 404: Error, 429: Error}

api = NinjaAPI(
    title="Herald public API",
    version="1",
    description="Read-only access to the network's published content. Anonymous; rate-limited.",
    urls_namespace="api-v1",
    docs_url=None,  # the browsable docs are Herald's own page (no assets from elsewhere)
    throttle=[AnonRateThrottle(settings.HERALD_API_RATE)],
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', [])[1:]) or 'request'}: {error.get('msg')}"
        for error in exc.errors
    )
    return api.create_response(request, {"detail": f"Invalid request: {problems}"}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


class Paging(BaseModel):
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


def _page(request, response, items, paging, serialize, *, keys, item_keys=None, max_age=None):
    limit = settings.HERALD_API_COUNT_LIMIT
    count = count_capped(items, limit + 1)  # one past the limit says whether it is exact
    exact = count <= limit
    count = min(count, limit)
    start = (paging.page - 1) * paging.page_size
    shown = list(items[start : start + paging.page_size])
    results = [serialize(item) for item in shown]
    pages = max(1, math.ceil(count / paging.page_size))
    if item_keys is not None:
        keys = [*keys, *(key for item in shown for key in item_keys(item))]
    _cacheable(response, keys, max_age=max_age)
    return {
        "count": count,
        "count_exact": exact,
        "page": paging.page,
        "pages": pages,
        "results": results,
    }


def _cacheable(response, keys, *, max_age=None):
    """Public, named by what it shows so that changes purge it: kept by Herald's page cache and
    shared caches as pages are, until purged. Browsers, which no purge reaches, keep it for
    HERALD_API_MAX_AGE at most. ``max_age``: content that changes at a known time."""
    cache_publicly(
        response, keys=keys, max_age=max_age, browser_max_age=settings.HERALD_API_MAX_AGE
    )


def _site(request, site_id):
    if site_id is None:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        return site
    return get_object_or_404(Site, pk=site_id)


class PageOf(BaseModel):
    count: int = Field(description="Matches, counted up to HERALD_API_COUNT_LIMIT (10,000)")
    count_exact: bool = Field(description="False when there are more matches than `count`")
    page: int
    pages: int


class ArticlePage_(PageOf):
    results: list[ArticleSummary]


class GalleryPage_(PageOf):
    results: list[GalleryOut]


class TagPage_(PageOf):
    results: list[TagOut]


class AuthorPage_(PageOf):
    results: list[AuthorOut]


class TrafficPage_(PageOf):
    results: list[TrafficAlertOut]


class ListingPage_(PageOf):
    results: list[ListingOut]


class ReaderStoryPage_(PageOf):
    results: list[ReaderStorySummary]


class ReaderPicturePage_(PageOf):
    results: list[ReaderPictureOut]


@api.get(
    "/", response={200: IndexOut, **ERRORS}, summary="The API's index: docs, description, lists"
)
def index(request, response: HttpResponse):
    """Where the API starts (``/api/v1/``): links to its docs, its OpenAPI description and each
    list, on the canonical address of the site asked."""
    root = f"{request_root_url(request)}/api/v1"
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    resources = [
        {"name": path.strip("/"), "url": f"{root}{path}", "summary": op["get"].get("summary", "")}
        for path, op in paths.items()
        if path != "/" and "{" not in path and "get" in op
    ]
    _cacheable(response, api_keys.api_docs_keys())
    return {
        "title": api.title,
        "version": api.version,
        "docs": f"{root}/docs/",
        "openapi": f"{root}/openapi.json",
        "resources": resources,
    }


@api.get("/sites", response={200: list[SiteOut], **ERRORS}, summary="The sites of the network")
def list_sites(request, response: HttpResponse):
    sites = selectors.sites()
    _cacheable(response, sites_keys())
    return [site_out(site) for site in sites]


@api.get("/sections", response={200: list[SectionOut], **ERRORS}, summary="Sections of a site")
def list_sections(request, response: HttpResponse, site: int | None = None):
    site = _site(request, site)
    _cacheable(response, site_keys(site))
    sections = section_ids_by_path()
    return [section(item, sections) for item in selectors.sections(site=site)]


class ArticleFilters(BaseModel):
    site: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Site id; default: the site of the host name"
    )
    section: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Section id (includes its sub-sections)"
    )
    tag: str | None = Field(
        None, max_length=100, pattern=SLUG, description="Tag slug, e.g. economy"
    )
    place: str | None = Field(
        None,
        max_length=140,
        pattern=SLUG,
        description="Place slug, e.g. cape-town (stories about it)",
    )
    since: datetime | None = Field(None, description="Published at or after (ISO 8601)")
    until: datetime | None = Field(None, description="Published before (ISO 8601)")

    @field_validator("since", "until", mode="before")
    @classmethod
    def iso_8601_only(cls, value):
        # pydantic would also take Unix timestamps ("0.5"); the document promises date-times.
        if value is not None and not ISO_DATETIME.match(str(value)):
            raise ValueError("use an ISO 8601 date-time such as 2019-02-17T17:34:00+02:00")
        return value

    @field_validator("since", "until")
    @classmethod
    def within_reach(cls, value):
        # Far dates are valid date-times but overflow when converted to UTC: clamp them.
        if value is None:
            return value
        earliest, latest = datetime(1900, 1, 2, tzinfo=UTC), datetime(2999, 12, 30, tzinfo=UTC)
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return min(max(aware, earliest), latest)


@api.get(
    "/articles",
    response={200: ArticlePage_, **ERRORS},
    summary="Published articles, newest first",
)
def list_articles(
    request, response: HttpResponse, filters: Query[ArticleFilters], paging: Query[Paging]
):
    site = _site(request, filters.site)
    section_page = tag = None
    if filters.section is not None:
        section_page = (
            SectionPage.objects.live()
            .descendant_of(site.root_page)
            .filter(pk=filters.section)
            .first()
        )
    if filters.tag is not None:
        tag = Tag.objects.filter(slug=filters.tag).first()
    place = Place.objects.filter(slug=filters.place).first() if filters.place else None
    if (
        (filters.section is not None and section_page is None)
        or (filters.tag and tag is None)
        or (filters.place and place is None)
    ):
        items = []  # a well-formed filter that matches nothing: an empty list, not an error
    else:
        items = selectors.articles(
            site=site,
            section=section_page,
            tag=tag,
            place=place,
            since=filters.since,
            until=filters.until,
        )
    sections = section_ids_by_path()
    return _page(
        request,
        response,
        items,
        paging,
        lambda a: article_summary(a, request, sections),
        keys=api_keys.articles_list_keys(site, section=section_page, tag=tag, place=place),
        item_keys=api_keys.article_keys,
    )


@api.get(
    "/articles/{article_id}",
    response={200: ArticleDetail, **ERRORS},
    summary="One article, with its body as clean HTML and as structured blocks",
)
def get_article(request, response: HttpResponse, article_id: int):
    if not 0 < article_id < 2**31:
        raise Http404
    article = get_object_or_404(
        articles_public().select_related("place").prefetch_related("tags", "authors"),
        pk=article_id,
    )
    if article.get_url_parts(request) is None:
        raise Http404  # not under any site of the network yet
    _cacheable(response, api_keys.article_keys(article))
    return article_detail(article, request)


@api.get("/tags", response={200: TagPage_, **ERRORS}, summary="Tags, by name")
def list_tags(request, response: HttpResponse, paging: Query[Paging]):
    return _page(
        request,
        response,
        selectors.tags(),
        paging,
        lambda t: {"name": t.name, "slug": t.slug},
        keys=tags_keys(),
        item_keys=tag_keys,
    )


@api.get("/authors", response={200: AuthorPage_, **ERRORS}, summary="Authors, by name")
def list_authors(request, response: HttpResponse, paging: Query[Paging]):
    return _page(
        request,
        response,
        selectors.authors(),
        paging,
        _author,
        keys=authors_keys(),
        item_keys=author_keys,
    )


@api.get("/authors/{slug}", response={200: AuthorOut, **ERRORS}, summary="One author")
def get_author(request, response: HttpResponse, slug: str):
    author = get_object_or_404(Author, slug=slug[:120])
    _cacheable(response, author_keys(author))
    return _author(author)


def _author(author):
    return {"name": author.name, "slug": author.slug, "role": author.role, "bio": author.bio}


@api.get(
    "/galleries",
    response={200: GalleryPage_, **ERRORS},
    summary="News in Pictures galleries of a site",
)
def list_galleries(request, response: HttpResponse, paging: Query[Paging], site: int | None = None):
    site = _site(request, site)
    items = selectors.galleries(site=site)
    return _page(
        request,
        response,
        items,
        paging,
        lambda g: gallery(g, request),
        keys=api_keys.articles_list_keys(site),
        item_keys=page_keys,
    )


def _place_or_none(slug):
    """The place of a filter; False when the slug names no place (the list is then empty)."""
    if not slug:
        return None
    return Place.objects.filter(slug=slug[:140]).first() or False


class PlaceFilter(BaseModel):
    place: str | None = Field(
        None, max_length=140, pattern=SLUG, description="Place slug, e.g. durban"
    )


class ListingFilters(PlaceFilter):
    category: str | None = Field(
        None, max_length=60, pattern=SLUG, description="Category slug, e.g. music"
    )


@api.get(
    "/traffic",
    response={200: TrafficPage_, **ERRORS},
    summary="Current traffic alerts, most severe first",
)
def list_traffic_alerts(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[PlaceFilter]
):
    found = _place_or_none(filters.place)
    items, change = [], None
    if found is not False:
        now = timezone.now()
        items = alerts_current(now=now, place=found)
        change = alerts_next_change(now=now, place=found)
    return _page(
        request,
        response,
        items,
        paging,
        traffic_alert,
        keys=traffic_keys(),
        item_keys=api_keys.traffic_item_keys,
        max_age=seconds_until(change),  # an alert starting or ending changes the list
    )


@api.get(
    "/listings",
    response={200: ListingPage_, **ERRORS},
    summary="Upcoming listings (what's on), soonest first",
)
def list_listings(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ListingFilters]
):
    place, category = filters.place, filters.category
    found = _place_or_none(place)
    kind = ListingCategory.objects.filter(slug=category[:60]).first() if category else None
    if found is False or (category and kind is None):
        items = []
    else:
        items = listings_upcoming(place=found)
        if kind is not None:
            items = items.filter(category=kind)
    return _page(
        request,
        response,
        items,
        paging,
        listing,
        keys=listings_keys(),
        item_keys=api_keys.listing_item_keys,
        max_age=seconds_until(selectors.listings_first_end(items)),  # it leaves the list
    )


@api.get(
    "/reader-stories",
    response={200: ReaderStoryPage_, **ERRORS},
    summary="Published reader stories (MyNews) of a site, newest first",
)
def list_reader_stories(
    request, response: HttpResponse, paging: Query[Paging], site: int | None = None
):
    site = _site(request, site)
    index_page = mynews_index_of(site)
    items = []
    if index_page is not None:
        items = stories_published(index_page=index_page).prefetch_related("tags", "pictures__image")
    return _page(
        request,
        response,
        items,
        paging,
        lambda s: reader_story(s, request),
        keys=api_keys.articles_list_keys(site),
        item_keys=api_keys.article_keys,
    )


@api.get(
    "/reader-stories/{story_id}",
    response={200: ReaderStoryDetail, **ERRORS},
    summary="One published reader story, with its text as clean HTML",
)
def get_reader_story(request, response: HttpResponse, story_id: int):
    if not 0 < story_id < 2**31:
        raise Http404
    story = get_object_or_404(
        ReaderStoryPage.objects.live().public().select_related("contributor", "place"),
        pk=story_id,
    )
    _cacheable(response, api_keys.article_keys(story))
    return reader_story(story, request, detail=True)


@api.get(
    "/reader-pictures",
    response={200: ReaderPicturePage_, **ERRORS},
    summary="Published User Galleries pictures of a site, newest first",
)
def list_reader_pictures(
    request, response: HttpResponse, paging: Query[Paging], site: int | None = None
):
    site = _site(request, site)
    items = pictures_published(site=site).select_related("place", "site")
    return _page(
        request,
        response,
        items,
        paging,
        lambda p: reader_picture(p, request),
        keys=api_keys.reader_pictures_keys(site),
        item_keys=api_keys.reader_picture_item_keys,
    )
