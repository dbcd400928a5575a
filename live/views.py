import asyncio
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import transaction
from django.http import HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from newsroom.keys import site_keys

from . import selectors, services
from .brokers import get_broker
from .keys import live_keys


def _int_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _site_id(request):
    site = Site.find_for_request(request)
    return site.pk if site else None


def sse(message: dict, event=None) -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}id: {message['id']}\ndata: {json.dumps(message)}\n\n"


async def event_stream(*, site_id, section_id, last_id, broker=None, heartbeat=None):
    """Yield SSE text: the retry hint, what the client missed, then live events and heartbeats.

    ``last_id`` None means a fresh client; "bad" (malformed) means it must refresh.
    """
    broker = broker or get_broker()
    heartbeat = heartbeat or settings.HERALD_LIVE_HEARTBEAT
    yield f"retry: {settings.HERALD_LIVE_RETRY_MS}\n\n"
    # Streams end after a while and the browser reconnects with Last-Event-ID (nothing is lost):
    # this spreads clients over processes and lets a stopping server drain.
    ends_at = asyncio.get_running_loop().time() + settings.HERALD_LIVE_MAX_STREAM_SECONDS
    async with broker.subscribe() as subscription:  # subscribe before replaying: miss nothing
        seen = 0
        if last_id == "bad":
            yield "event: refresh\ndata: {}\n\n"
        elif last_id is not None:
            missed, refresh = await sync_to_async(selectors.events_after)(
                site_id=site_id, after_id=last_id, section_id=section_id
            )
            if refresh:
                yield "event: refresh\ndata: {}\n\n"
            seen = last_id
            for event in missed:
                yield sse(event.as_message())
                seen = max(seen, event.pk)
        loop = asyncio.get_running_loop()
        while (remaining := ends_at - loop.time()) > 0:
            try:
                message = await asyncio.wait_for(subscription.get(), min(heartbeat, remaining))
            except TimeoutError:
                if subscription.overflowed or loop.time() >= ends_at:
                    return
                yield ": heartbeat\n\n"
                continue
            if subscription.overflowed:
                return  # the client stopped reading: drop it rather than buffer without bound
            if message["site"] != site_id or message["id"] <= seen:
                continue
            seen = message["id"]
            if selectors.matches(message, section_id):
                yield sse(message)


STREAM_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache, no-transform",
    "X-Accel-Buffering": "no",  # nginx: pass each event on at once
}


def parse_last_event_id(raw):
    """None for a fresh client, the id, or "bad" (the client must refresh)."""
    if raw in (None, ""):
        return None
    number = _int_or_none(raw)
    return "bad" if number is None else number


def parse_section(raw):
    return _int_or_none(raw)


async def stream(request):
    """``/live/stream``: Server-Sent Events of new stories on this site (``?section=`` filters).

    Under the ASGI server, ``live.asgi`` answers this path before Django (see there why); this
    view serves the development server and tests.
    """
    site_id = await sync_to_async(_site_id)(request)
    response = StreamingHttpResponse(
        event_stream(
            site_id=site_id,
            section_id=parse_section(request.GET.get("section")),
            last_id=parse_last_event_id(
                request.headers.get("Last-Event-ID") or request.GET.get("last_id")
            ),
        ),
    )
    for header, value in STREAM_HEADERS.items():
        response[header] = value
    return response


@require_safe
def latest(request):
    """``/live/latest.json?since=<id>``: the same events as a short-lived cacheable poll."""
    site_id = _site_id(request)
    section_id = _int_or_none(request.GET.get("section"))
    raw_since = request.GET.get("since", "")
    since = _int_or_none(raw_since)
    latest_id = selectors.latest_event_id(site_id=site_id)
    if raw_since == "":
        events, refresh = [], False
    elif since is None:
        events, refresh = [], True
    else:
        events, refresh = selectors.events_after(
            site_id=site_id, after_id=since, section_id=section_id
        )
    since_tag = "none" if raw_since == "" else (since if since is not None else "bad")
    etag = f'"live-{site_id}-{section_id}-{since_tag}-{latest_id}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(
            {
                "latest": latest_id,
                "refresh": refresh,
                "events": [event.as_message() for event in events],
            }
        )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.HERALD_LIVE_POLL_MAX_AGE)
    response["Surrogate-Key"] = " ".join([*site_keys(site_id), *live_keys(site_id)])
    return response


@csrf_exempt
@require_POST
def bench_publish(request):
    """Publish a synthetic event, for ``bench/live_bench.py`` only.

    Routed only when ``HERALD_LIVE_BENCH_TOKEN`` is set, and answers only to that token.
    """
    token = settings.HERALD_LIVE_BENCH_TOKEN
    if not token or not constant_time_compare(request.headers.get("X-Bench-Token", ""), token):
        return JsonResponse({"error": "forbidden"}, status=403)
    site_id = _site_id(request)
    with transaction.atomic():
        event = services.live_event_record(
            site_id=site_id,
            sections=[],
            page_id=0,
            kind="published",
            headline=request.POST.get("headline", "Benchmark")[:255],
            url="/",
        )
    return JsonResponse({"id": event.pk})
