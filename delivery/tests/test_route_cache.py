"""Kept routes (delivery/route_cache.py): fewer queries, and never a stale page."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delivery.pagecache import page_cache
from delivery.route_cache import KeptRoute, _page_checked
from delivery.sites import site_id_for_host, site_remembered
from newsroom.models import ArticlePage, GalleryPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.HERALD_PAGE_CACHE = False
    page_cache().clear()
    cache.clear()


def _article():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()


def _path(page):
    return page.url_path[len("/localhost") :]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **NEWS)
    return response, len(captured)


def test_a_kept_route_saves_a_query_per_level_of_the_tree(client, settings):
    article = _article()
    url = _path(article)
    levels = url.strip("/").count("/") + 1  # /news/south-africa/<slug>/: 3
    client.get(url, **NEWS)
    kept, kept_queries = _queries(client, url)

    settings.HERALD_ROUTE_CACHE_TTL = 0
    routed, routed_queries = _queries(client, url)

    assert kept.status_code == routed.status_code == 200
    assert article.title in kept.content.decode()
    assert kept.content == routed.content
    # Routed: the home page, then each level's page and its specific type; kept: the page (with
    # its lead picture, ArticlePage.route_select_related, for when its parts are rendered).
    assert routed_queries - kept_queries == 2 * levels + 1


def test_a_renamed_page_is_found_at_its_new_path_and_not_at_its_old(client):
    article = _article()
    old = _path(article)
    assert client.get(old, **NEWS).status_code == 200  # its route is kept

    article.slug = f"{article.slug}-renamed"
    article.save_revision().publish()
    article.refresh_from_db()

    assert client.get(old, **NEWS).status_code == 404
    new = client.get(_path(article), **NEWS)
    assert new.status_code == 200
    assert article.title in new.content.decode()


def test_a_new_page_at_an_old_path_is_the_one_served(client):
    article = _article()
    old_path, old_slug = _path(article), article.slug
    assert client.get(old_path, **NEWS).status_code == 200

    article.slug = f"{old_slug}-moved"
    article.save_revision().publish()
    successor = ArticlePage(
        title="A different story at the old address",
        slug=old_slug,
        standfirst="Its own standfirst.",
        first_published_at=article.first_published_at,
    )
    article.get_parent().add_child(instance=successor)
    successor.save_revision().publish()

    response = client.get(old_path, **NEWS)
    assert response.status_code == 200
    assert "A different story at the old address" in response.content.decode()


def test_an_unpublished_or_deleted_page_is_a_404_whatever_was_kept(client):
    first, second = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")[:2]
    for page in (first, second):
        assert client.get(_path(page), **NEWS).status_code == 200

    first.unpublish()
    assert client.get(_path(first), **NEWS).status_code == 404
    path = _path(second)
    second.delete()
    assert client.get(path, **NEWS).status_code == 404


def test_routable_pages_keep_their_own_views_and_sub_routes(client):
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    for _ in range(2):  # routed, then from its kept route
        home = client.get("/", **NEWS)
        whole = client.get(_path(gallery), **NEWS)
        picture = client.get(f"{_path(gallery)}2/", **NEWS)
        assert home.status_code == whole.status_code == picture.status_code == 200
        assert gallery.title in whole.content.decode()
        assert "2 of" in picture.content.decode()
    multimedia = client.get("/multimedia/", **NEWS)  # the home page's own sub-route
    assert multimedia.status_code == 200
    assert "Multimedia" in multimedia.content.decode()


def test_a_kept_route_outside_the_sites_root_is_not_trusted():
    article = _article()
    kept = KeptRoute(article.content_type_id, article.pk, article.url_path)
    assert _page_checked(kept, "/localhost/") == article
    assert _page_checked(kept, "/sport/") is None  # the site's root has moved elsewhere
    assert _page_checked(kept, None) is None
    stale = KeptRoute(article.content_type_id, article.pk, "/localhost/news/an-old-slug/")
    assert _page_checked(stale, "/localhost/") is None


def test_each_request_gets_its_own_site_from_the_memo():
    site_id_for_host("localhost")  # the host is learnt (a query), then remembered
    with CaptureQueriesContext(connection) as captured:
        first, second = site_remembered("localhost"), site_remembered("localhost")
    assert len(captured) == 0
    assert first.hostname == "localhost"
    assert first == second and first is not second  # nothing cached on one reaches the other
    assert site_remembered("unknown.example") is None


def test_a_render_reads_wagtails_site_root_paths_once(client, monkeypatch):
    """The kept route leaves the site root paths it read where Wagtail's links look for them."""
    path = _path(_article())
    client.get(path, **NEWS)
    read = []
    default = caches["default"]
    original = default.get

    def counted(key, *args, **kwargs):
        read.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(default, "get", counted)
    response = client.get(path, **NEWS)
    assert response.status_code == 200
    assert read.count("wagtail_site_root_paths") == 1
