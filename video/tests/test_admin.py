"""Editors upload videos in wagtailmedia's admin screens, through Herald's form."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from video.models import Video

from .helpers import WEBVTT, video_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser(
        username="video-editor", email="video-editor@example.org", password="x"
    )
    client.force_login(editor)
    return client


def _add(editor_client, **fields):
    data = {
        "title": "Minister opens the new bridge",
        "caption": "",
        "credit": "",
        "tags": "",
        "collection": Collection.get_first_root_node().pk,
    }
    data.update(fields)
    return editor_client.post(reverse("wagtailmedia:add", args=("video",)), data)


def test_an_uploaded_video_is_stored_with_its_length_size_and_a_poster(editor_client):
    response = _add(
        editor_client,
        file=video_upload(2),
        captions=SimpleUploadedFile("captions.vtt", WEBVTT),
        caption="The bridge at dawn",
        credit="Herald",
    )
    assert response.status_code == 302, response.context["form"].errors
    video = Video.objects.get(title="Minister opens the new bridge")
    assert (video.type, video.video_codec, video.width, video.height) == ("video", "h264", 160, 96)
    assert video.duration == pytest.approx(2, abs=0.2)
    assert (video.caption, video.credit) == ("The bridge at dawn", "Herald")
    assert video.thumbnail.name.startswith("media_thumbnails/clip-poster")
    with video.thumbnail.open() as poster:
        assert Image.open(poster).format == "JPEG"
    assert video.captions.name.startswith("media_captions/")


def test_a_file_that_is_not_a_video_is_refused_on_the_form_and_the_title_kept(editor_client):
    response = _add(
        editor_client,
        title="Council budget explained",
        file=SimpleUploadedFile("budget.mp4", b"not a video at all" * 100),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be read as a video" in page
    assert 'value="Council budget explained"' in page
    assert not Video.objects.filter(title="Council budget explained").exists()


def test_a_video_past_the_length_limit_is_refused_on_the_form(editor_client, settings):
    settings.HERALD_VIDEO_MAX_SECONDS = 1
    response = _add(editor_client, file=video_upload(2), caption="Kept caption")
    assert response.status_code == 200
    assert "videos may be at most 1 seconds" in response.content.decode()
    assert "Kept caption" in response.content.decode()
    assert not Video.objects.filter(title="Minister opens the new bridge").exists()


def test_captions_that_are_not_webvtt_are_refused_on_the_form(editor_client):
    response = _add(
        editor_client,
        file=video_upload(1),
        captions=SimpleUploadedFile("captions.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHi\n"),
    )
    assert response.status_code == 200
    assert "must start with WEBVTT" in response.content.decode()
    assert not Video.objects.filter(title="Minister opens the new bridge").exists()


def test_audio_is_refused_with_a_message(editor_client):
    response = editor_client.post(
        reverse("wagtailmedia:add", args=("audio",)),
        {
            "title": "Podcast",
            "file": SimpleUploadedFile("talk.mp3", b"ID3" + b"\0" * 100),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "Herald takes video only" in response.content.decode()


def test_editing_a_video_without_a_new_file_keeps_its_poster(editor_client):
    _add(editor_client, file=video_upload(1))
    video = Video.objects.get(title="Minister opens the new bridge")
    poster = video.thumbnail.name
    response = editor_client.post(
        reverse("wagtailmedia:edit", args=(video.pk,)),
        {
            "title": "New title",
            "caption": "Now with a caption",
            "credit": "",
            "tags": "",
            "collection": video.collection_id,
        },
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.title, video.caption, video.thumbnail.name) == (
        "New title",
        "Now with a caption",
        poster,
    )
    assert video.duration == pytest.approx(1, abs=0.2)


def test_the_article_editor_offers_the_video_block(editor_client):
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.first()
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code == 200
    assert "wagtailmedia" in response.content.decode()
