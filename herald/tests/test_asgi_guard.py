"""Only so many requests enter Django at once."""

import asyncio

import pytest
from django.test import override_settings

from herald.asgi_guard import with_request_limit

SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}


async def _discard(message):
    pass


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
