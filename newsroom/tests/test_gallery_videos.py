"""A gallery's slide may play a video (News in Pictures' video galleries): the slide's picture is
its poster, its thumbnail and its sharing card."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delivery.keys import media_keys
from newsroom.keys import page_keys
from newsroom.models import GalleryImage, GalleryPage, VideoPage
from video.models import Video

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _video_gallery():
    """The demo's first gallery on the news site plays a video as its second slide."""
    slide = GalleryImage.objects.filter(
        video__isnull=False, page__url_path__startswith="/localhost/"
    ).first()
    assert slide is not None, "the demo has a video gallery"
    return slide.page, slide


@pytest.fixture
def own_video_gallery():
    """The video gallery with its slide's video replaced by one of this test's own, so deleting
    it (files and all) leaves the demo's files for the other tests."""
    from wagtail.models import Collection

    from video.tests.helpers import WEBVTT, video_upload

    gallery, slide = _video_gallery()
    video = Video.objects.create(
        title="A clip of this test's own",
        type="video",
        collection=Collection.get_first_root_node(),
        file=video_upload(1),
        thumbnail=ContentFile(b"poster", name="own-poster.jpg"),
        captions=ContentFile(WEBVTT, name="own-captions.vtt"),
    )
    draft = gallery.get_latest_revision_as_object()
    slides = list(draft.images.all())
    for each in slides:
        if each.pk == slide.pk:
            each.video = video
    draft.images = slides
    draft.save_revision().publish()
    return GalleryPage.objects.get(pk=gallery.pk), GalleryImage.objects.get(pk=slide.pk)


def _path(gallery):
    return gallery.url_path[len("/localhost") :]


def _slide(html, number):
    found = re.search(rf'<li id="picture-{number}"[^>]*>.*?</li>', html, re.S)
    return found.group(0)


def test_a_video_slide_plays_its_video_with_the_picture_as_poster(client):
    gallery, slide = _video_gallery()
    number = list(gallery.images.all()).index(slide) + 1
    html = client.get(_path(gallery), **NEWS).content.decode()

    shown = _slide(html, number)
    poster = slide.image.get_rendition("width-960")
    assert "data-video" in shown
    assert '<video controls preload="none" playsinline' in shown
    assert f'poster="{poster.url}" width="{poster.width}" height="{poster.height}"' in shown
    assert f'<source src="{slide.video.url}" type="{slide.video.content_type}">' in shown
    assert f'<track kind="captions" src="{slide.video.captions.url}"' in shown
    assert f'data-image="{poster.url}"' in shown  # the slideshow's grid thumbnail and stage
    # The other slides are pictures, as before.
    other = _slide(html, 1 if number != 1 else 2)
    assert "<video" not in other and "data-video" not in other and "<img " in other


def test_a_video_slides_own_page_plays_it_and_shares_its_picture(client):
    gallery, slide = _video_gallery()
    number = list(gallery.images.all()).index(slide) + 1
    html = client.get(f"{_path(gallery)}{number}/", **NEWS).content.decode()
    assert f'<source src="{slide.video.url}"' in _slide(html, number)
    share = slide.image.get_rendition("fill-1200x630").url
    assert f'<meta property="og:image" content="http://localhost{share}">' in html


def test_video_slides_cost_no_query_more(client, settings):
    """The videos are read with the pictures: a gallery costs the same with one video or none."""
    settings.HERALD_PAGE_CACHE = False
    gallery, slide = _video_gallery()

    def queries():
        client.get(_path(gallery), **NEWS)  # renditions made, site-root paths cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_path(gallery), **NEWS).status_code == 200
        return len(captured)

    with_video = queries()
    draft = gallery.get_latest_revision_as_object()
    slides = list(draft.images.all())
    for each in slides:
        each.video = Video.objects.first()
    draft.images = slides
    draft.save_revision().publish()
    assert GalleryImage.objects.filter(page=gallery, video__isnull=True).count() == 0
    assert queries() == with_video


def test_news_in_pictures_counts_a_gallerys_videos(client):
    gallery, _slide_ = _video_gallery()
    index = gallery.get_parent()
    html = client.get(index.url_path[len("/localhost") :], **NEWS).content.decode()
    pictures = gallery.images.count()
    item = re.search(rf'href="{_path(gallery)}">.*?</article>', html, re.S).group(0)
    assert f"{pictures} pictures · 1 video</p>" in item
    plain = GalleryPage.objects.live().exclude(images__video__isnull=False).first()
    plain_item = re.search(rf'href="{_path(plain)}">.*?</article>', html, re.S)
    if plain_item:  # on the first page of the index
        assert "video" not in plain_item.group(0)


def test_removing_the_video_leaves_the_slide_a_picture(client, own_video_gallery):
    """A video deleted from the library leaves its slides as the pictures they were."""
    gallery, slide = own_video_gallery
    number = list(gallery.images.all()).index(slide) + 1
    slide.video.delete()
    html = client.get(_path(gallery), **NEWS).content.decode()
    shown = _slide(html, number)
    assert "<video" not in shown and "<img " in shown


@pytest.fixture
def purged(monkeypatch):
    """The keys this process's page cache is told to drop."""
    from delivery import purge

    dropped, keys_purge = set(), purge.keys_purge
    monkeypatch.setattr(purge, "keys_purge", lambda keys: dropped.update(keys) or keys_purge(keys))
    return dropped


def test_editing_a_video_purges_the_galleries_that_play_it(
    client, purged, django_capture_on_commit_callbacks
):
    gallery, slide = _video_gallery()
    shown = client.get(_path(gallery), **NEWS)
    assert set(page_keys(gallery)) <= set(shown["Surrogate-Key"].split())
    video = slide.video
    video.caption = "A caption edited in the library"
    with django_capture_on_commit_callbacks(execute=True):
        video.save()
    assert set(page_keys(gallery)) <= purged
    story = VideoPage.objects.live().filter(video=video).first()
    assert story is not None, "the demo's video story leads with the same video"
    assert set(page_keys(story)) <= purged
    assert not any(key.startswith("media-") for key in purged)  # its files stay as they were


def test_deleting_a_video_purges_its_pages_and_its_files(
    own_video_gallery, purged, django_capture_on_commit_callbacks
):
    gallery, slide = own_video_gallery
    video = slide.video
    files = [video.file.name, video.thumbnail.name, video.captions.name]
    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert set(page_keys(gallery)) <= purged
    for name in files:
        assert set(media_keys(name)) <= purged, name


def test_replacing_a_videos_poster_purges_the_old_poster_only(
    own_video_gallery, purged, django_capture_on_commit_callbacks
):
    _gallery, slide = own_video_gallery
    video = slide.video
    old_poster, kept_file = video.thumbnail.name, video.file.name
    video.thumbnail = ContentFile(video.thumbnail.read(), name="replaced-poster.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        video.save()
    assert set(media_keys(old_poster)) <= purged
    assert not set(media_keys(kept_file)) & purged
