"""Live events: recorded on publish, replayed on reconnect, streamed, and polled."""

import asyncio
import functools

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient
from wagtail.models import Site

from live import selectors, services, views
from live.brokers import InProcessBroker
from live.models import LiveEvent
from newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


class RecordingBroker:
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


@pytest.fixture
def broker(monkeypatch):
    recording = RecordingBroker()
    monkeypatch.setattr(services, "get_broker", lambda: recording)
    return recording


def _article():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/news/").first()


def test_publishing_an_article_records_and_announces_an_event(
    broker, django_capture_on_commit_callbacks
):
    article = _article()
    article.title = "Breaking: dam levels recover"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    event = LiveEvent.objects.get()
    site = Site.objects.get(hostname="localhost")
    assert (event.kind, event.headline, event.page_id) == (
        "published",
        "Breaking: dam levels recover",
        article.pk,
    )
    assert event.site_id == site.pk
    assert event.url == article.url_path[len("/localhost") :]
    assert SectionPage.objects.get(slug="news").pk in event.sections
    assert article.get_parent().pk in event.sections
    assert broker.published == [event.as_message()]


def test_nothing_is_announced_before_the_transaction_commits(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _article().save_revision().publish()
    assert broker.published == [] and callbacks
    for callback in callbacks:
        callback()
    assert len(broker.published) == 1


def test_saving_a_draft_records_nothing(broker, django_capture_on_commit_callbacks):
    article = _article()
    article.title = "Draft headline"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()
    assert not LiveEvent.objects.exists() and broker.published == []


def test_unpublishing_records_an_unpublished_event(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _article().unpublish()
    assert LiveEvent.objects.get().kind == "unpublished"


def test_pages_that_are_not_stories_are_not_announced(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SectionPage.objects.get(slug="tech").save_revision().publish()
    assert not LiveEvent.objects.exists()


def _events(count, site_id=1, sections=(5,)):
    return [
        LiveEvent.objects.create(
            site_id=site_id,
            sections=list(sections),
            page_id=100 + n,
            kind="published",
            headline=f"Story {n}",
            url=f"/news/story-{n}/",
        )
        for n in range(count)
    ]


def test_replay_returns_exactly_what_was_missed():
    events = _events(5)
    missed, refresh = selectors.events_after(site_id=1, after_id=events[1].pk)
    assert not refresh
    assert [e.pk for e in missed] == [e.pk for e in events[2:]]
    assert selectors.events_after(site_id=1, after_id=events[-1].pk) == ([], False)


def test_replay_filters_by_section_and_site():
    _events(2, sections=(5,))
    other_section = _events(1, sections=(9,))
    _events(1, site_id=2)
    missed, _ = selectors.events_after(site_id=1, after_id=0, section_id=9)
    assert [e.pk for e in missed] == [other_section[0].pk]


@pytest.mark.parametrize("case", ["too_many", "future", "pruned"])
def test_client_must_refresh_when_replay_cannot_be_exact(case, settings):
    settings.HERALD_LIVE_REPLAY_LIMIT = 3
    events = _events(6)
    after = {"too_many": events[0].pk, "future": events[-1].pk + 50}.get(case)
    if case == "pruned":
        LiveEvent.objects.filter(pk__lte=events[2].pk).delete()
        after = events[0].pk
    assert selectors.events_after(site_id=1, after_id=after) == ([], True)


def test_old_events_are_pruned(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.HERALD_LIVE_RETENTION_HOURS = 1
    old, new = _events(2)
    LiveEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert services.live_events_prune() == 1
    assert list(LiveEvent.objects.values_list("pk", flat=True)) == [new.pk]


def run_async(test):
    """Run an async test the way Django runs its own: thread-sensitive code stays on this thread
    (so it sees the test's database connection and transaction)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return async_to_sync(test)(*args, **kwargs)

    return wrapper


async def _take(stream, count, timeout=3):
    chunks = []
    for _ in range(count):
        chunks.append(await asyncio.wait_for(anext(stream), timeout))
    return chunks


def _message(event_id, site=1, sections=(5,)):
    return {
        "id": event_id,
        "site": site,
        "sections": list(sections),
        "page": 1,
        "kind": "published",
        "headline": "H",
        "url": "/h/",
        "time": "t",
    }


@run_async
async def test_stream_sends_retry_hint_then_live_events_for_its_site_only():
    broker = InProcessBroker()
    stream = views.event_stream(
        site_id=1, section_id=None, last_id=None, broker=broker, heartbeat=5
    )
    assert (await _take(stream, 1))[0].startswith("retry: ")
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.05)
    broker.publish(_message(7, site=2))  # another site: not for this stream
    broker.publish(_message(8))
    chunk = await asyncio.wait_for(pending, 3)
    assert chunk.startswith("id: 8\ndata: {")
    await stream.aclose()
    assert broker.subscriber_count == 0  # the connection closed cleanly


@run_async
async def test_stream_heartbeats_and_drops_a_client_that_stops_reading(settings):
    settings.HERALD_LIVE_CLIENT_QUEUE = 2
    broker = InProcessBroker()
    stream = views.event_stream(
        site_id=1, section_id=None, last_id=None, broker=broker, heartbeat=0.1
    )
    await _take(stream, 1)
    assert await _take(stream, 1) == [": heartbeat\n\n"]
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.05)
    for n in range(1, 10):  # the client reads nothing while these arrive
        broker.publish(_message(n))
    await asyncio.sleep(0.1)
    delivered = []
    with pytest.raises(StopAsyncIteration):  # the stream ends: the connection is dropped
        delivered.append(await pending)
        while True:
            delivered.append(await asyncio.wait_for(anext(stream), 2))
    assert len(delivered) <= 2  # never more than the inbox holds
    assert broker.subscriber_count == 0


@run_async
async def test_stream_replays_after_last_event_id_and_refreshes_on_bad_ids():
    from asgiref.sync import sync_to_async

    events = await sync_to_async(_events)(4)
    broker = InProcessBroker()
    replay = views.event_stream(site_id=1, section_id=None, last_id=events[1].pk, broker=broker)
    chunks = await _take(replay, 3)
    assert [c.split("\n")[0] for c in chunks[1:]] == [f"id: {events[2].pk}", f"id: {events[3].pk}"]
    await replay.aclose()
    for bad in ("bad", events[-1].pk + 1000):
        stream = views.event_stream(site_id=1, section_id=None, last_id=bad, broker=broker)
        assert (await _take(stream, 2))[1].startswith("event: refresh")
        await stream.aclose()


@run_async
async def test_stream_view_sends_proxy_friendly_headers():
    client = AsyncClient()
    response = await client.get(
        "/live/stream", headers={"Last-Event-ID": "nonsense"}, HTTP_HOST="localhost"
    )
    assert response["Content-Type"] == "text/event-stream"
    assert response["X-Accel-Buffering"] == "no" and "no-cache" in response["Cache-Control"]
    content = response.streaming_content
    assert (await asyncio.wait_for(anext(content), 3)).decode().startswith("retry: ")
    assert (await asyncio.wait_for(anext(content), 3)).decode().startswith("event: refresh")
    await content.aclose()


def test_poll_returns_events_with_etag_and_304(client):
    site = Site.objects.get(hostname="localhost")
    events = _events(3, site_id=site.pk)
    response = client.get(f"/live/latest.json?since={events[0].pk}", **NEWS)
    data = response.json()
    assert data["latest"] == events[-1].pk and data["refresh"] is False
    assert [e["id"] for e in data["events"]] == [events[1].pk, events[2].pk]
    assert "public" in response["Cache-Control"] and "max-age=5" in response["Cache-Control"]
    again = client.get(
        f"/live/latest.json?since={events[0].pk}", HTTP_IF_NONE_MATCH=response["ETag"], **NEWS
    )
    assert again.status_code == 304
    _events(1, site_id=site.pk)
    assert (
        client.get(
            f"/live/latest.json?since={events[0].pk}", HTTP_IF_NONE_MATCH=response["ETag"], **NEWS
        ).status_code
        == 200
    )


@pytest.mark.parametrize("since", ["abc", "-3", "99999999", "1e9"])
def test_poll_with_a_bad_or_future_since_asks_for_refresh(client, since):
    _events(1, site_id=Site.objects.get(hostname="localhost").pk)
    response = client.get(f"/live/latest.json?since={since}", **NEWS)
    assert response.status_code == 200 and response.json()["refresh"] is True


def test_home_and_section_pages_carry_the_notice_and_stay_cacheable(client):
    for url in ("/", "/news/"):
        response = client.get(url, **NEWS)
        html = response.content.decode()
        assert 'id="live-notice"' in html and 'aria-live="polite"' in html
        assert "/static/js/live.js" in html
        assert "public" in response["Cache-Control"]
    assert 'data-section=""' in client.get("/", **NEWS).content.decode()
    news = SectionPage.objects.get(slug="news")
    assert f'data-section="{news.pk}"' in client.get("/news/", **NEWS).content.decode()


@run_async
async def test_stream_ends_after_its_lifetime_so_the_browser_reconnects(settings):
    settings.HERALD_LIVE_MAX_STREAM_SECONDS = 0.3
    stream = views.event_stream(
        site_id=1, section_id=None, last_id=None, broker=InProcessBroker(), heartbeat=5
    )
    await _take(stream, 1)
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(anext(stream), 2)


async def _call_stream_app(scope_overrides, disconnect_after=0.3):
    from live.asgi import stream_app

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/live/stream",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        **scope_overrides,
    }
    sent = []

    async def receive():
        await asyncio.sleep(disconnect_after)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    await asyncio.wait_for(stream_app(scope, receive, send), 5)
    return sent


@run_async
async def test_asgi_stream_answers_outside_django_and_ends_when_the_client_leaves():
    sent = await _call_stream_app({"headers": [(b"host", b"localhost"), (b"last-event-id", b"x")]})
    start = sent[0]
    assert start["status"] == 200
    assert (b"content-type", b"text/event-stream") in start["headers"]
    assert (b"x-accel-buffering", b"no") in start["headers"]
    bodies = b"".join(message.get("body", b"") for message in sent[1:])
    assert bodies.startswith(b"retry: ") and b"event: refresh" in bodies


@run_async
async def test_asgi_stream_refuses_unknown_hosts_and_other_methods():
    assert (await _call_stream_app({"headers": [(b"host", b"evil.example")]}))[0]["status"] == 400
    assert (await _call_stream_app({"method": "POST"}))[0]["status"] == 405


@run_async
async def test_asgi_wrapper_sends_everything_else_to_django():
    from live.asgi import with_live_stream

    calls = []

    async def django_app(scope, receive, send):
        calls.append(scope["path"])

    app = with_live_stream(django_app)
    await app({"type": "http", "path": "/news/"}, None, None)
    assert calls == ["/news/"]


def test_a_story_scheduled_for_later_is_announced_when_it_goes_live_not_before(
    broker, django_capture_on_commit_callbacks, monkeypatch
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from delivery import purge

    purged = []
    monkeypatch.setattr(purge, "purge", lambda keys, urls=(): purged.append(set(keys)))
    section = SectionPage.objects.get(slug="news")
    story = section.add_child(
        instance=ArticlePage(
            title="Budget speech at two",
            slug="budget-at-two",
            standfirst="Later today.",
            live=False,
        )
    )
    story.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()  # the editor schedules it
    story.refresh_from_db()
    assert not story.live
    assert not LiveEvent.objects.exists() and broker.published == []
    assert not any(f"page-{story.pk}" in keys for keys in purged)

    # Its minute comes: the revision's time (and the page's, inside it) is now past.
    revision = story.revisions.get()
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    story.refresh_from_db()
    assert story.live
    assert LiveEvent.objects.get().headline == "Budget speech at two"
    assert len(broker.published) == 1
    assert any(f"page-{story.pk}" in keys for keys in purged)
