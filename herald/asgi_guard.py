"""Herald's guards in front of Django: how many requests enter it at once, and how large a body
each may send.

That every request Django starts runs to its end, whoever hangs up, is ``DjangoInThreads``'s
(herald/asgi_django.py): Django's own ASGI handler cancelled a request whose client left
mid-render, and under load a round of such clients drained ``HERALD_DB_POOL_SIZE`` for good.
"""

import asyncio


def with_request_limit(application):
    """Let at most ``HERALD_CONCURRENT_REQUESTS`` requests into Django at once in this process.

    Each request Django handles holds a database connection from its first query to its end.
    With a pool of eight and thirty-two readers at once, twenty-four waited for a connection in
    threads of their own, and those that waited longer than ``HERALD_DB_POOL_TIMEOUT`` failed.
    Waiting here instead costs nothing but a place in the event loop's queue, and every request
    that enters finds a connection free. 0 lets every request in.
    """
    from django.conf import settings

    limit = settings.HERALD_CONCURRENT_REQUESTS
    if limit <= 0:
        return application
    gate = asyncio.Semaphore(limit)

    async def limited(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        async with gate:
            return await application(scope, receive, send)

    return limited


# Routes that take files: their bodies may reach HERALD_UPLOAD_BODY_MAX_BYTES; every other
# route (forms, comments, the API) HERALD_BODY_MAX_BYTES. Prefixes of the path.
UPLOAD_PATHS = (
    "/galleries/submit/",
    "/mynews/submit/",
    "/mynews/mine/",
    "/accounts/profile/",
    "/admin/",
)
# Editors upload videos here (video/): up to HERALD_VIDEO_MAX_BYTES, plus the form around them.
VIDEO_UPLOAD_PATH = "/admin/media/"
TOO_LARGE = b"Request body too large: this form takes at most %d MB. Nothing was saved.\n"


def body_limit_for(path: str) -> int:
    from django.conf import settings

    if path.startswith(VIDEO_UPLOAD_PATH):
        return max(
            settings.HERALD_UPLOAD_BODY_MAX_BYTES, settings.HERALD_VIDEO_MAX_BYTES + 1024 * 1024
        )
    if path.startswith(UPLOAD_PATHS):
        return settings.HERALD_UPLOAD_BODY_MAX_BYTES
    return settings.HERALD_BODY_MAX_BYTES


def _declared_length(scope):
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse_too_large(send, limit):
    body = TOO_LARGE % max(limit // (1024 * 1024), 1)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def with_body_limit(application):
    """Refuse a request body over its route's limit with 413, before Django reads it.

    Django's ASGI handler reads the whole body (to memory, then a temporary file) before any
    middleware can look at it: a declared ``Content-Length`` of 2 GB was spooled to disk
    before anything answered. A declared length over the limit is refused at once, unread; a
    chunked body is counted as it arrives and cut off the moment it passes the limit (Django
    is told the client left, so it stops reading, and the 413 goes out instead).
    """

    async def limited(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        limit = body_limit_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            return await _refuse_too_large(send, limit)
        received = 0
        over = False

        async def counting_receive():
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        await application(scope, counting_receive, send)
        if over:
            await _refuse_too_large(send, limit)

    return limited
