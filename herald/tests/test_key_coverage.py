"""Every change purges every cached response it changes: the surrogate-key coverage matrix.

The demo network is crawled as readers and the pages' scripts would reach it (``crawl.py``),
each response rendered as the page cache would store it. Then each change is made through the
write path editors and members use, inside a savepoint, with the purges it queues recorded;
everything is rendered again, and every response that was cacheable and now reads differently
must name at least one purged key (one is enough: the page cache and Varnish drop an entry when
any of its keys is purged). Nothing is listed by hand: a page or fragment linked from anywhere is
covered the day it is written.
"""

import dataclasses
import re

import pytest
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from delivery.sites import sites_forget

from .crawl import crawl, render

HOSTS = ("localhost", "sport.localhost")
PLACES = ("cape-town", "johannesburg")

_baseline = {}


@dataclasses.dataclass
class Network:
    """The crawl before any change, and what it showed (the targets changes pick from)."""

    before: dict
    page_ids: set[int]

    def cacheable(self):
        return {where: r for where, r in self.before.items() if r.cacheable}


def _caches_forget():
    sites_forget()
    for alias in ("default",):
        caches[alias].clear()


@pytest.fixture
def network(db, client, settings):
    settings.HERALD_PAGE_CACHE = False  # every request renders
    if not _baseline:
        _caches_forget()
        first = crawl(client, HOSTS, places=PLACES)
        again = {where: render(client, *where) for where in first}
        unstable = sorted(where for where in first if first[where] != again[where])
        assert not unstable, f"these render differently each time: {unstable}"
        ids = {int(k[5:]) for r in first.values() for k in r.keys if k.startswith("page-")}
        _baseline["network"] = Network(before=first, page_ids=ids)
    yield _baseline["network"]
    _caches_forget()


@pytest.fixture
def purged(monkeypatch):
    """The keys purges reach (the task's and this process's), as the page cache is told."""
    seen = set()
    monkeypatch.setattr("delivery.purge.keys_purge", lambda keys: seen.update(keys) or True)
    return seen


def _editor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def _shown(model, network, **filters):
    """A live item of ``model`` whose own page was crawled, with its parent's listing."""
    for page in model.objects.live().filter(pk__in=network.page_ids, **filters).order_by("pk"):
        if page.get_parent().pk in network.page_ids:
            return page
    raise AssertionError(f"the crawl reached no {model.__name__} with its parent")


def _republish(page, **fields):
    page = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(user=_editor()).publish(user=_editor())


# The changes: each one as editors or members make it.


def article_edit_published(network):
    from newsroom.models import ArticlePage

    _republish(_shown(ArticlePage, network), title="A headline no page had before")


def article_unpublished(network):
    from newsroom.models import ArticlePage

    _shown(ArticlePage, network).unpublish(user=_editor())


def article_moved(network):
    from newsroom.models import ArticlePage, SectionPage

    article = _shown(ArticlePage, network)
    site_root = article.get_site().root_page
    other = (
        SectionPage.objects.live()
        .descendant_of(site_root)
        .filter(pk__in=network.page_ids)
        .exclude(pk=article.get_parent().pk)
        .first()
    )
    article.move(other, pos="last-child", user=_editor())


def article_deleted(network):
    from newsroom.models import ArticlePage

    _shown(ArticlePage, network).delete()


def author_edited(network):
    from newsroom.models import ArticlePage

    author = _shown(ArticlePage, network).authors.first()
    author.name = "A byline no page had before"
    author.save()


def tag_renamed(network):
    from newsroom.models import ArticlePage

    tag = _shown(ArticlePage, network).tags.first()
    tag.name = "A tag no page had before"
    tag.save()


def section_edited(network):
    from newsroom.models import SectionPage

    _republish(_shown(SectionPage, network), title="A section no page had before")


def section_restricted(network):
    from wagtail.models import PageViewRestriction

    from newsroom.models import SectionPage

    section = _shown(SectionPage, network)
    PageViewRestriction.objects.create(page=section, restriction_type="login")


def site_renamed(network):
    from wagtail.models import Site

    site = Site.objects.get(hostname="localhost")
    site.site_name = "A network no page had before"
    site.save()


def place_renamed(network):
    from places.models import Place

    place = Place.objects.get(slug="cape-town")
    place.name = "A city no page had before"
    place.save()


def weather_changed(network):
    from components.models import WeatherReport

    report = WeatherReport.objects.filter(place__slug="cape-town").first()
    report.temperature_c += 7
    report.save()


def traffic_alert_edited(network):
    from components.models import TrafficAlert

    alert = TrafficAlert.objects.filter(place__slug="cape-town").first()
    alert.description = "A jam no page had before"
    alert.save()


def listing_edited(network):
    from components.models import Listing

    listing = (
        Listing.objects.filter(status=Listing.Status.PUBLISHED, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    listing.title = "A show no page had before"
    listing.save()


def reader_picture_edited(network):
    from community.models import ReaderPicture

    picture = ReaderPicture.objects.filter(live=True).order_by("pk").first()
    picture.caption = "A caption no page had before"
    picture.save_revision(user=_editor()).publish(user=_editor())


def news_gallery_edited(network):
    from newsroom.models import GalleryPage

    _republish(_shown(GalleryPage, network), title="Pictures no page had before")


def news_gallery_picture_recaptioned(network):
    """One picture's caption: its own page (/pictures/<gallery>/<n>/) and the gallery show it."""
    from newsroom.models import GalleryPage

    gallery = _shown(GalleryPage, network).get_latest_revision_as_object()
    pictures = list(gallery.images.all())
    pictures[0].caption = "A caption no page had before"
    gallery.images = pictures
    gallery.save_revision(user=_editor()).publish(user=_editor())


def album_renamed(network):
    from community.models import Album

    crawled = {int(k[6:]) for r in network.before.values() for k in r.keys if k[:6] == "album-"}
    album = Album.objects.filter(pk__in=crawled).order_by("pk").first()
    album.title = "An album no page had before"
    album.save()


def comment_rejected(network):
    from comments.models import Comment
    from comments.services import comments_moderate

    comment = Comment.objects.filter(page_id__in=network.page_ids).order_by("pk").first()
    comments_moderate(moderator=_editor(), comments=[comment], action="reject", reason="Off topic")


def member_profile_edited(network):
    from accounts.services import profile_update
    from comments.models import Comment

    member = Comment.objects.filter(page_id__in=network.page_ids).order_by("pk").first().author
    profile_update(member=member, display_name="A name no page had before", bio="New here.")


def reader_story_edited(network):
    from community.models import ReaderStoryPage

    _republish(_shown(ReaderStoryPage, network), title="A story no page had before")


def policy_page_edited(network):
    from newsroom.models import PolicyPage

    _republish(_shown(PolicyPage, network), title="Rules no page had before")


CHANGES = [
    article_edit_published,
    article_unpublished,
    article_moved,
    article_deleted,
    author_edited,
    tag_renamed,
    section_edited,
    section_restricted,
    site_renamed,
    place_renamed,
    weather_changed,
    traffic_alert_edited,
    listing_edited,
    reader_picture_edited,
    news_gallery_edited,
    news_gallery_picture_recaptioned,
    album_renamed,
    comment_rejected,
    member_profile_edited,
    reader_story_edited,
    policy_page_edited,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_change_purges_every_cached_response_it_changes(
    change, network, purged, client, django_capture_on_commit_callbacks
):
    cached = network.cacheable()
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            change(network)
        _caches_forget()
        # What a purged key reaches may change freely: only the rest must read as before. One
        # purged response that did change shows the change reached the crawl at all.
        kept = {where: r for where, r in cached.items() if not r.keys & purged}
        after = {where: render(client, *where) for where in kept}
        seen_changed = any(
            _differs(render(client, *where), r) for where, r in cached.items() if where not in kept
        )
        transaction.set_rollback(True)

    assert seen_changed, f"{change.__name__} changed nothing the crawl reached: the test is blind"
    stale = sorted(
        f"{host}{url} {' '.join(sorted(before.keys))}"
        for (host, url), before in kept.items()
        if _differs(after[host, url], before)
    )
    assert not stale, (
        f"{change.__name__} purged {sorted(purged)} but these cached responses changed and "
        "name none of those keys:\n" + "\n".join(stale)
    )


def _differs(after, before):
    return (after.status, after.body) != (before.status, before.body)


def test_every_public_response_names_what_it_shows(network):
    """A response shared caches may keep but no purge can reach would stay stale for its
    whole max-age."""
    unnamed = sorted(w for w, r in network.before.items() if r.public and not r.keys)
    assert not unnamed
    assert len(network.cacheable()) > 100  # the crawl reached the network, not just a page


def test_the_crawl_reaches_each_picture_page_kind(network):
    """The changes above are checked against what the crawl saw: it must see a gallery's own
    picture pages (/pictures/<gallery>/<n>/), User Galleries' pictures, and the Multimedia
    page that lists both, filtered and paged."""
    urls = [url for (_host, url), r in network.cacheable().items()]
    assert "/multimedia/" in urls
    assert any(url.startswith("/multimedia/?kind=") for url in urls)
    assert any(re.fullmatch(r"/pictures/[\w-]+/[1-9][0-9]*/", url) for url in urls)
    assert any(re.fullmatch(r"/galleries/[0-9]+/", url) for url in urls)


def test_the_crawl_reaches_the_apis_lists_and_items(network):
    """The API's responses are stored by the page cache like pages, so the changes above are
    checked against them too: the crawl must see its lists and one item's operations."""
    urls = [url for (_host, url), r in network.cacheable().items()]
    assert any(url.split("?")[0] == "/api/v1/articles" for url in urls)
    assert any(re.fullmatch(r"/api/v1/articles/[0-9]+", url) for url in urls)
    assert any(re.fullmatch(r"/api/v1/reader-stories/[0-9]+", url) for url in urls)
