"""A video story (VideoPage) leads with its video, is listed with its section's articles, and is
cached and purged as an article and as multimedia."""

import pytest
from django.utils.html import escape

from delivery.cache import surrogate_keys_of
from newsroom.keys import multimedia_keys, page_keys
from newsroom.models import VideoPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _story():
    return VideoPage.objects.live().filter(url_path__startswith="/localhost/").get()


def test_a_video_story_leads_with_the_player_poster_and_captions(client):
    story = _story()
    response = client.get(story.url, **NEWS)
    assert response.status_code == 200
    html = response.content.decode()
    video = story.video
    assert '<figure class="lead-figure lead-video">' in html
    assert '<video controls preload="none" playsinline' in html
    assert f'poster="{video.thumbnail.url}"' in html
    assert f'<source src="{video.file.url}" type="{video.content_type}">' in html
    assert f'<track kind="captions" src="{video.captions.url}" srclang="en"' in html
    assert 'lead-figure">\n      <img' not in html  # the video, not the list picture, leads
    assert set(page_keys(story)) <= set(surrogate_keys_of(response))


def test_a_video_story_is_listed_in_its_section(client):
    story = _story()
    section = story.get_parent()
    pages = [client.get(f"{section.url}?page={n}", **NEWS).content.decode() for n in (1, 2, 3)]
    assert any(escape(story.title) in page for page in pages)


def test_publishing_a_video_story_purges_it_and_the_multimedia_lists(
    news_site, monkeypatch, django_capture_on_commit_callbacks
):
    purged = set()
    monkeypatch.setattr("delivery.purge.keys_purge", lambda keys: purged.update(keys) or True)
    story = _story()
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert set(page_keys(story)) <= purged
    assert set(multimedia_keys(news_site)) <= purged
