"""An article with a video in its body shows the browser's own player: poster, source and
captions track, with caption and credit, and loads nothing before the reader presses play."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from newsroom.models import ArticlePage
from video.blocks import VideoBlock
from video.models import Video

from .helpers import WEBVTT, video_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def video():
    return Video.objects.create(
        title="Taxi rank at rush hour",
        type="video",
        collection=Collection.get_first_root_node(),
        file=ContentFile(video_bytes(1), name="rank.mp4"),
        thumbnail=ContentFile(b"jpeg", name="rank-poster.jpg"),
        captions=ContentFile(WEBVTT, name="rank.vtt"),
        caption="Commuters at the Bree Street rank",
        credit="Herald",
        width=160,
        height=96,
        duration=1,
    )


def test_the_block_renders_a_player_with_poster_source_and_captions_track(video):
    block = VideoBlock()
    html = block.render(block.to_python({"video": video.pk, "caption": ""}))
    assert '<video controls preload="none" playsinline' in html
    assert f'poster="{video.thumbnail.url}"' in html
    assert f'<source src="{video.file.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{video.captions.url}" srclang="en"' in html
    assert 'Commuters at the Bree Street rank <span class="credit">(Herald)</span>' in html
    assert "<script" not in html and "crossorigin" not in html  # same origin: no CORS needed


def test_the_block_caption_replaces_the_video_caption(video):
    block = VideoBlock()
    html = block.render(block.to_python({"video": video.pk, "caption": "Friday, 7am"}))
    assert "Friday, 7am" in html and "Bree Street" not in html


def test_a_video_without_captions_has_no_track(video):
    video.captions = ""
    video.save()
    block = VideoBlock()
    assert "<track" not in block.render(block.to_python({"video": video.pk, "caption": ""}))


def test_an_article_with_a_video_shows_it_to_readers(client, video):
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    video_block = {"type": "video", "value": {"video": video.pk, "caption": ""}}
    article.body = [video_block, *article.body.raw_data]
    article.save_revision().publish()
    response = client.get(article.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'poster="{video.thumbnail.url}"' in html
    assert f'<track kind="captions" src="{video.captions.url}"' in html
