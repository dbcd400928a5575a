"""Herald's outermost ASGI layer: requests run to their end, and only so many enter Django."""

import asyncio

import pytest
from django.test import override_settings

from herald.asgi_guard import with_complete_requests, with_request_limit

SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}


def _client_that_leaves_after_its_request():
    """An ASGI ``receive`` that delivers an empty body, then reports the client gone."""
    messages = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.sleep(0.01)
        return {"type": "http.disconnect"}

    return receive


def _django_like_app(log):
    """Behaves as Django's handler does: reads the body, then renders while listening for a
    disconnect, and abandons the render (cancels it) when one arrives first."""

    async def app(scope, receive, send):
        await receive()

        async def render():
            await asyncio.sleep(0.1)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"page"})
            log.append("rendered")

        rendering = asyncio.ensure_future(render())
        listening = asyncio.ensure_future(receive())
        done, _ = await asyncio.wait({rendering, listening}, return_when=asyncio.FIRST_COMPLETED)
        if listening in done and not rendering.done():
            rendering.cancel()
            log.append("cancelled")
        else:
            listening.cancel()
        log.append("finished")

    return app


async def _discard(message):
    pass


def test_a_client_who_hangs_up_mid_render_does_not_cancel_the_request():
    unguarded, guarded = [], []
    app = _django_like_app(unguarded)
    asyncio.run(app(SCOPE, _client_that_leaves_after_its_request(), _discard))
    assert unguarded == ["cancelled", "finished"]  # what Django alone does

    app = with_complete_requests(_django_like_app(guarded))
    asyncio.run(app(SCOPE, _client_that_leaves_after_its_request(), _discard))
    assert guarded == ["rendered", "finished"]


def test_a_disconnect_after_the_response_started_is_passed_on():
    seen = []

    async def streaming_app(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        seen.append((await receive())["type"])

    app = with_complete_requests(streaming_app)
    asyncio.run(asyncio.wait_for(app(SCOPE, _client_that_leaves_after_its_request(), _discard), 2))
    assert seen == ["http.disconnect"]


@pytest.mark.parametrize("limit, expected", [(2, 2), (0, 5)])
def test_only_so_many_requests_enter_django_at_once(limit, expected):
    inside, most = 0, 0

    async def app(scope, receive, send):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.02)
        inside -= 1

    with override_settings(HERALD_CONCURRENT_REQUESTS=limit):
        limited = with_request_limit(app)

    async def five_at_once():
        await asyncio.gather(*(limited(SCOPE, None, _discard) for _ in range(5)))

    asyncio.run(five_at_once())
    assert most == expected
