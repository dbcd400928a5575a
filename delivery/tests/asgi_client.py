"""Call an ASGI application in-process, as a server would, and collect its answer."""

import asyncio
from dataclasses import dataclass

from asgiref.sync import async_to_sync


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def cache_state(self):
        return self.headers.get("x-herald-cache")


def asgi_scope(path, *, method="GET", host="localhost", query="", headers=()):
    """The HTTP scope a server gives an application; ``headers`` as (name, value) strings."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", host.encode()), *((k.encode(), v.encode()) for k, v in headers)],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 80),
    }


async def asgi_request(app, path, *, method="GET", host="localhost", query="", headers=()):
    scope = asgi_scope(path, method=method, host=host, query=query, headers=headers)
    received = False
    messages = []

    async def receive():
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client never hangs up

    async def send(message):
        messages.append(message)

    await app(scope, receive, send)
    start = messages[0]
    return Answer(
        status=start["status"],
        headers={k.decode().lower(): v.decode() for k, v in start["headers"]},
        body=b"".join(m.get("body", b"") for m in messages[1:]),
    )


def asgi_get(app, path, **kwargs):
    return async_to_sync(asgi_request)(app, path, **kwargs)


def asgi_get_many(app, path, count, **kwargs):
    async def fire():
        return await asyncio.gather(*(asgi_request(app, path, **kwargs) for _ in range(count)))

    return async_to_sync(fire)()
