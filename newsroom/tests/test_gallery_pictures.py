"""A gallery's pictures each have a page of their own: /pictures/<gallery>/<n>/ (1-based)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from delivery.cache import surrogate_keys_of
from newsroom.keys import page_keys, site_keys
from newsroom.models import GalleryPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _gallery():
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    assert gallery.images.count() >= 3, "the demo's galleries have several pictures"
    return gallery


def _path(gallery):
    return gallery.url_path[len("/localhost") :]


def _meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_picture_page_shows_that_picture_with_its_title_card_and_canonical(client):
    gallery = _gallery()
    pictures = list(gallery.images.all())
    response = client.get(f"{_path(gallery)}2/", **NEWS)
    html = response.content.decode()

    assert response.status_code == 200
    title = f"{gallery.title}: picture 2 of {len(pictures)}"
    assert f"<title>{escape(title)} | " in html
    assert f'<link rel="canonical" href="http://localhost{_path(gallery)}2/">' in html
    assert _meta(html, "og:title") == escape(title)
    assert _meta(html, "og:description") == escape(pictures[1].caption)
    share = pictures[1].image.get_rendition("fill-1200x630").url
    assert _meta(html, "og:image") == f"http://localhost{share}"
    # Without JavaScript the reader sees that picture alone, with its neighbours' links.
    shown = re.findall(r'<li id="picture-(\d+)"[^>]*?(hidden)?>', html)
    assert [number for number, hidden in shown if not hidden] == ["2"]
    assert f'<a rel="prev" href="{_path(gallery)}1/">' in html
    assert f'<a rel="next" href="{_path(gallery)}3/">' in html
    assert 'data-start="2"' in html


def test_gallery_page_lists_every_picture_each_with_its_own_link(client):
    gallery = _gallery()
    count = gallery.images.count()
    html = client.get(_path(gallery), **NEWS).content.decode()
    for number in range(1, count + 1):
        assert f'<a class="count" href="{_path(gallery)}{number}/">{number} of {count}</a>' in html
    assert " hidden>" not in html
    assert '<script src="/static/js/slideshow.js' in html
    # Shared, the gallery shows its first picture.
    cover = gallery.images.first().image.get_rendition("fill-1200x630").url
    assert _meta(html, "og:image") == f"http://localhost{cover}"
    assert _meta(html, "twitter:card") == "summary_large_image"


@pytest.mark.parametrize("tail", ["0/", "01/", "TOO_MANY/", "abc/", "-1/", "1.5/", "9" * 40 + "/"])
def test_picture_numbers_out_of_range_or_malformed_are_not_found(client, tail):
    gallery = _gallery()
    tail = tail.replace("TOO_MANY", str(gallery.images.count() + 1))
    assert client.get(f"{_path(gallery)}{tail}", **NEWS).status_code == 404


def test_picture_page_is_public_and_names_the_gallery_like_the_gallery_page(client, news_site):
    gallery = _gallery()
    own = client.get(_path(gallery), **NEWS)
    picture = client.get(f"{_path(gallery)}1/", **NEWS)
    assert "public" in picture.headers["Cache-Control"]
    keys = set(surrogate_keys_of(picture))
    assert {*page_keys(gallery), *site_keys(news_site)} <= keys
    assert keys == set(surrogate_keys_of(own))


def test_publishing_the_gallery_purges_its_picture_pages(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    """The picture pages are cached (the page cache is on) and a publish drops them."""
    from delivery import purge

    purged, keys_purge = set(), purge.keys_purge
    monkeypatch.setattr(purge, "keys_purge", lambda keys: purged.update(keys) or keys_purge(keys))
    gallery = _gallery()
    shown_keys = set(surrogate_keys_of(client.get(f"{_path(gallery)}3/", **NEWS)))

    draft = gallery.get_latest_revision_as_object()
    pictures = list(draft.images.all())
    pictures[2].caption = "A caption no page had before"
    draft.images = pictures
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    assert shown_keys & purged >= set(page_keys(gallery))
    html = client.get(f"{_path(gallery)}3/", **NEWS).content.decode()
    assert _meta(html, "og:description") == "A caption no page had before"


def test_a_picture_page_costs_the_queries_of_its_gallery_page(client, settings):
    """Both read the gallery's pictures once (pictures 1, renditions 1), however many it has."""
    settings.HERALD_PAGE_CACHE = False
    gallery = _gallery()

    def queries(url):
        client.get(url, **NEWS)  # renditions made, site-root paths cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **NEWS).status_code == 200
        return len(captured)

    assert queries(f"{_path(gallery)}3/") == queries(_path(gallery))
