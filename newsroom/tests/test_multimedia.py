"""/multimedia/: the site's galleries and reader pictures, newest first, filtered and paged."""

import pytest

from community.models import ReaderPicture
from delivery.cache import surrogate_keys_of
from delivery.pagecache import query_normalised
from newsroom.keys import multimedia_keys
from newsroom.models import GalleryPage, VideoPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def get(client, url, host=NEWS):
    return client.get(url, **host)


def _items(response):
    return list(response.context["items"])


def _news_galleries():
    return GalleryPage.objects.live().filter(url_path__startswith="/localhost/")


def _news_videos():
    stories = VideoPage.objects.live().filter(url_path__startswith="/localhost/")
    return list(stories.order_by("-first_published_at", "-pk"))


def _news_pictures(news_site):
    return ReaderPicture.objects.filter(live=True, site=news_site)


def test_lists_the_sites_videos_galleries_and_reader_pictures_newest_first(client, news_site):
    response = get(client, "/multimedia/")
    assert response.status_code == 200
    items = _items(response)
    kinds = {item.kind for item in items}
    assert kinds == {"videos", "galleries", "pictures"}
    dates = [item.date for item in items]
    assert dates == sorted(dates, reverse=True)
    html = response.content.decode()
    gallery = _news_galleries().order_by("-first_published_at").first()
    picture = _news_pictures(news_site).order_by("-first_published_at").first()
    assert f'href="{gallery.url_path[len("/localhost") :]}"' in html
    assert f'href="/galleries/{picture.pk}/"' in html
    assert html.count('class="media-card__image"') == len(items)  # each with its picture


def test_only_this_sites_items(client, sport_site):
    response = get(client, "/multimedia/", {"HTTP_HOST": "sport.localhost"})
    titles = {item.title for item in _items(response)}
    news_titles = set(_news_galleries().values_list("title", flat=True))
    assert not titles & news_titles


def test_filter_by_kind(client, news_site):
    galleries = _items(get(client, "/multimedia/?kind=galleries"))
    assert galleries and {item.kind for item in galleries} == {"galleries"}
    assert len(galleries) == min(_news_galleries().count(), 24)
    pictures = _items(get(client, "/multimedia/?kind=pictures"))
    assert pictures and {item.kind for item in pictures} == {"pictures"}
    html = get(client, "/multimedia/?kind=pictures").content.decode()
    assert 'href="/multimedia/?kind=pictures" aria-current="page">Reader pictures' in html
    assert '<a href="/multimedia/?kind=videos">Videos</a>' in html  # the site has one
    videos = _items(get(client, "/multimedia/?kind=videos"))
    stories = _news_videos()
    assert [item.title for item in videos] == [story.title for story in stories]
    assert {item.kind for item in videos} == {"videos"}
    assert all(item.image is not None for item in videos)


def test_a_video_story_unpublished_leaves_the_list(client, news_site, settings):
    settings.HERALD_PAGE_CACHE = False
    story = _news_videos()[0]
    story.unpublish()
    assert story.title not in {item.title for item in _items(get(client, "/multimedia/"))}


@pytest.mark.parametrize("kind", ["nope", "clips", "GALLERIES", "videos/"])
def test_unknown_kind_is_a_404(client, kind):
    assert get(client, f"/multimedia/?kind={kind}").status_code == 404


def test_a_null_byte_is_refused_as_a_bad_request(client):
    assert get(client, "/multimedia/?kind=galleries%00").status_code == 400


def test_pages_keep_the_filter_and_bad_page_numbers_answer_a_page(client, settings, news_site):
    settings.HERALD_MULTIMEDIA_PAGE_SIZE = 2
    settings.HERALD_PAGE_CACHE = False  # each request renders (``?page=`` is ``/multimedia/``)
    total = _news_galleries().count() + _news_pictures(news_site).count() + len(_news_videos())
    first = get(client, "/multimedia/")
    assert first.context["items"].paginator.num_pages == -(-total // 2)
    second = get(client, "/multimedia/?page=2")
    assert {i.url for i in _items(first)}.isdisjoint({i.url for i in _items(second)})
    assert _items(first)[-1].date >= _items(second)[0].date
    html = get(client, "/multimedia/?kind=galleries").content.decode()
    assert 'href="?kind=galleries&amp;page=2"' in html
    for not_a_number in ("abc", "1.5", "", "%ff"):
        response = get(client, f"/multimedia/?page={not_a_number}")
        assert response.status_code == 200 and response.context["items"].number == 1
    for out_of_range in ("9999", "0", "-1"):  # as on every list: the last page
        last = get(client, f"/multimedia/?page={out_of_range}")
        assert last.status_code == 200
        assert last.context["items"].number == last.context["items"].paginator.num_pages


def test_the_page_cache_keeps_filter_and_page_in_its_key():
    assert query_normalised("kind=galleries&page=2&utm_source=x") == "kind=galleries&page=2"


def test_public_and_named_by_the_multimedia_key(client, news_site):
    response = get(client, "/multimedia/")
    assert "public" in response.headers["Cache-Control"]
    keys = surrogate_keys_of(response)
    assert set(multimedia_keys(news_site)) <= set(keys)
    assert f"site-{news_site.pk}" in keys
    home = get(client, "/")
    assert set(multimedia_keys(news_site)) <= set(surrogate_keys_of(home))


@pytest.fixture
def purged(monkeypatch):
    seen = set()
    monkeypatch.setattr("delivery.purge.keys_purge", lambda keys: seen.update(keys) or True)
    return seen


def _editor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def test_a_gallery_publish_and_unpublish_purge_the_multimedia_lists(
    news_site, purged, django_capture_on_commit_callbacks
):
    gallery = _news_galleries().first()
    with django_capture_on_commit_callbacks(execute=True):
        gallery.save_revision(user=_editor()).publish(user=_editor())
    assert set(multimedia_keys(news_site)) <= purged
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        gallery.unpublish(user=_editor())
    assert set(multimedia_keys(news_site)) <= purged


def test_a_reader_picture_published_or_taken_down_purges_the_multimedia_lists(
    news_site, purged, django_capture_on_commit_callbacks
):
    from community.services import contribution_take_down

    picture = _news_pictures(news_site).first()
    with django_capture_on_commit_callbacks(execute=True):
        picture.save_revision(user=_editor()).publish(user=_editor())
    assert set(multimedia_keys(news_site)) <= purged
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contribution_take_down(picture, editor=_editor(), reason="Not ours to show")
    assert set(multimedia_keys(news_site)) <= purged


def test_a_picture_unpublished_leaves_the_cached_list_at_once(
    client, news_site, django_capture_on_commit_callbacks
):
    picture = _news_pictures(news_site).order_by("-first_published_at").first()
    assert f"/galleries/{picture.pk}/" in {i.url for i in _items(get(client, "/multimedia/"))}
    with django_capture_on_commit_callbacks(execute=True):  # the purge reaches the page cache
        picture.unpublish(user=_editor())
    assert f"/galleries/{picture.pk}/" not in {i.url for i in _items(get(client, "/multimedia/"))}


def test_home_page_multimedia_block_shows_the_newest_items_as_cards(client, news_site):
    response = get(client, "/")
    items = response.context["multimedia"]
    assert 3 <= len(items) <= 4
    listed = _items(get(client, "/multimedia/"))[: len(items)]
    assert [i.url for i in items] == [i.url for i in listed]
    html = response.content.decode()
    block = html[html.index('id="multimedia-heading"') :]
    assert '<a href="/multimedia/">More multimedia</a>' in block
    assert block.count('class="media-card ') == len(items)


def test_header_links_the_multimedia_page(client):
    html = get(client, "/news/").content.decode()
    nav = html[html.index('class="section-nav"') :]
    assert '<a href="/multimedia/">Multimedia</a>' in nav


def test_another_kind_joins_through_the_hook(client, news_site):
    """A page type registered under ``herald_multimedia_kinds`` is listed and filterable."""
    from wagtail import hooks

    from newsroom.multimedia import MultimediaItem, MultimediaKind

    def video_item(gallery, request):
        title, date = f"Video {gallery.title}", gallery.first_published_at
        return MultimediaItem("clips", title, "/v/", None, date)

    kind = MultimediaKind(
        slug="clips",
        label="Clips",
        queryset=lambda site: _news_galleries().order_by("-first_published_at", "-pk"),
        item=video_item,
    )
    with hooks.register_temporarily("herald_multimedia_kinds", lambda: [kind]):
        response = get(client, "/multimedia/?kind=clips")
    assert response.status_code == 200
    assert {i.kind for i in _items(response)} == {"clips"}
    assert ">Clips</a>" in response.content.decode()
