"""A reader opens a video story: the browser's own player with its poster and captions, which
plays, seeks (the media route answers ranges) and breaks no Content-Security-Policy rule."""

import time

from playwright.sync_api import expect

from tests.servers import manage

STORY_URL = (
    "from newsroom.models import VideoPage; "
    "print(VideoPage.objects.live().filter(url_path__startswith='/localhost/').get().url_path[10:])"
)


def _story_path(herald_server):
    output = manage(herald_server.environment, "shell", "--no-imports", "-c", STORY_URL).stdout
    return output.strip().splitlines()[-1]


def _wait_until(locator, predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not locator.evaluate(predicate):
        assert time.monotonic() < deadline, f"still not true after {timeout} s: {predicate}"
        locator.page.wait_for_timeout(200)


def test_reader_plays_a_video_story_with_its_poster_and_captions(page, herald_server, news_url):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(news_url + _story_path(herald_server))
    video = page.locator("figure.lead-video video")
    expect(video).to_be_visible()
    expect(video).to_have_attribute("preload", "none")
    poster = video.get_attribute("poster")
    assert poster.startswith("/media/media_thumbnails/")
    response = page.request.get(news_url + poster)
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"

    track = video.locator('track[kind="captions"]')
    expect(track).to_have_count(1)
    source = video.locator("source").get_attribute("src")
    ranged = page.request.get(news_url + source, headers={"Range": "bytes=0-99"})
    assert ranged.status == 206 and ranged.headers["content-range"].startswith("bytes 0-99/")

    # Play it (muted, as a browser lets a script start playback), then wait for the captions.
    # (Polled from here: page.wait_for_function evaluates a string, which the CSP forbids.)
    video.evaluate("v => { v.muted = true; return v.play(); }")
    _wait_until(video, "v => v.currentTime > 0.5")
    _wait_until(video, "v => v.textTracks.length > 0 && (v.textTracks[0].cues || []).length > 0")
    first_cue = video.evaluate("v => v.textTracks[0].cues[0].text")
    assert first_cue.endswith(".")
    assert violations == []
