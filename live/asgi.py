"""The live stream as a plain ASGI app, in front of Django.

Django runs each request in its own thread-sensitive context, and its middleware hops to a thread
for their synchronous parts; for a response that stays open for minutes, that parks one thread
per reader (10,000 readers, 10,000 threads and gigabytes of stacks). The stream needs none of
that machinery, so ``/live/stream`` is answered here: the host is checked against
``ALLOWED_HOSTS`` and mapped to its Wagtail site (remembered by ``delivery.sites``), and the
events come from the same ``event_stream`` as the Django view (which still serves
``runserver`` and tests).
"""

import asyncio
import contextlib
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from django.core.exceptions import DisallowedHost

from delivery import sites
from delivery.sites import site_id_remembered

from .views import STREAM_HEADERS, event_stream, parse_last_event_id, parse_section

STREAM_PATH = "/live/stream"


async def site_id_for_host(host):
    site_id = site_id_remembered(host)
    if site_id is None:
        site_id = await sync_to_async(sites.site_id_for_host, thread_sensitive=False)(host)
    return site_id


async def _plain(send, status, text):
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


async def _disconnected(receive):
    while (await receive())["type"] != "http.disconnect":
        pass


async def stream_app(scope, receive, send):
    if scope["method"] not in ("GET", "HEAD"):
        return await _plain(send, 405, "Method not allowed")
    headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
    query = {
        key: values[0] for key, values in parse_qs(scope["query_string"].decode("latin-1")).items()
    }
    try:
        site_id = await site_id_for_host(headers.get("host", ""))
    except DisallowedHost:
        return await _plain(send, 400, "Bad request")
    stream = event_stream(
        site_id=site_id,
        section_id=parse_section(query.get("section")),
        last_id=parse_last_event_id(headers.get("last-event-id") or query.get("last_id")),
    )
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(k.lower().encode(), v.encode()) for k, v in STREAM_HEADERS.items()],
        }
    )
    disconnect = asyncio.ensure_future(_disconnected(receive))
    try:
        while True:
            chunk = asyncio.ensure_future(anext(stream))
            done, _ = await asyncio.wait({chunk, disconnect}, return_when=asyncio.FIRST_COMPLETED)
            if disconnect in done:
                chunk.cancel()
                return
            try:
                text = chunk.result()
            except StopAsyncIteration:
                break
            await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    except OSError:
        pass  # the client went away mid-send
    finally:
        disconnect.cancel()
        with contextlib.suppress(Exception):
            await stream.aclose()


def with_live_stream(django_application):
    async def application(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == STREAM_PATH:
            return await stream_app(scope, receive, send)
        return await django_application(scope, receive, send)

    return application
