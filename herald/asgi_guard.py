"""Herald's outermost ASGI layer: every request Django starts runs to its end.

Django's ASGI handler cancels a request whose client hangs up while the view is still running.
The view's thread keeps going regardless (a thread cannot be stopped), but the cancelled request
no longer ends the way Django's bookkeeping expects, and a database connection taken from the
pool could stay checked out by a thread nobody returns it from: under load, a round of clients
hanging up mid-request drained ``HERALD_DB_POOL_SIZE`` for good and every later request waited
``HERALD_DB_POOL_TIMEOUT`` and failed.

So Django is told of a disconnect only once its response has started: until then the request
renders as if the reader were still there (the server drops what is sent to a closed socket),
``request_finished`` runs, and the connection goes back. A client gone during a long response
(a stream) still ends it at once.
"""

import asyncio


def with_complete_requests(application):
    async def guarded(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        started = asyncio.Event()
        body_done = False

        async def send_noting_start(message):
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        async def receive_after_start():
            nonlocal body_done
            if not body_done:
                message = await receive()
                body_done = message["type"] != "http.request" or not message.get("more_body")
                return message
            # Django listens for a disconnect while the view runs; hold it back until the
            # response has begun, so the view is never cancelled half-way.
            message = await receive()
            if message["type"] == "http.disconnect":
                await started.wait()
            return message

        return await application(scope, receive_after_start, send_noting_start)

    return guarded


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
