"""Django behind Herald's ASGI front door, in one thread hop a request.

Django's own ASGI handler runs a synchronous project (Herald's middleware and views are all
synchronous) by hopping between the event loop and a thread of its own for every request: one
for the middleware, back to the loop for the URL's view, out again for each ``process_view``,
the view, the template's render, each ``request_started`` and ``request_finished`` receiver,
and a new thread for each request to do it in. Measured in-process on PostgreSQL, that cost a
rendered article about 5 ms more than the same request through Django's WSGI handler, half of
its time (docs/performance.md).

``DjangoInThreads`` keeps Django's request (``ASGIRequest``, read from the scope as Django's
handler reads it) and its synchronous handler, and runs everything of one request, from
``request_started`` to ``request_finished``, in one of ``HERALD_DJANGO_THREADS`` long-lived
threads. Each thread holds at most one database connection, which goes back (closed, or to the
pool) at the request's end, as under WSGI. Django is never told of a client that hangs up: the
request runs to its end, and what it sends after that is dropped. A server stopping with
requests in flight stops their sending too, so its process can exit.
"""

import asyncio
import contextlib
import contextvars
import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.http import FileResponse
from django.urls import set_script_prefix

logger = logging.getLogger(__name__)
LOOP_CHECK_SECONDS = 1


async def _sending(send, message):
    # What a server's ``send`` returns is awaitable, not always a coroutine (granian's, once
    # its client has gone), and only a coroutine can be handed to the loop from a thread.
    await send(message)


class DjangoInThreads(ASGIHandler):
    """An ASGI application running Django's synchronous handler in a fixed set of threads."""

    def __init__(self, threads: int | None = None):
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)  # one synchronous chain, as under WSGI
        self.executor = ThreadPoolExecutor(
            max_workers=threads or settings.HERALD_DJANGO_THREADS, thread_name_prefix="django"
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django answers HTTP only, not {scope['type']}.")
        try:
            body_file = await self.read_body(receive)  # spooled to disk when large, as Django does
        except RequestAborted:
            return
        loop = asyncio.get_running_loop()
        in_context = contextvars.copy_context().run
        await loop.run_in_executor(
            self.executor, in_context, self._respond, scope, body_file, send, loop
        )

    def _respond(self, scope, body_file, send, loop):
        with contextlib.closing(body_file):
            set_script_prefix(get_script_prefix(scope))
            signals.request_started.send(sender=self.__class__, scope=scope)
            request, response = self.create_request(scope, body_file)
            if request is not None:
                response = self.get_response(request)
                if isinstance(response, FileResponse):
                    response.block_size = self.chunk_size
            try:
                self._send(response, send, loop)
            finally:
                response.close()  # request_finished: the thread's connection goes back

    def _send(self, response, send, loop):
        def sent(message):
            future = asyncio.run_coroutine_threadsafe(_sending(send, message), loop)
            while True:
                try:
                    return future.result(timeout=LOOP_CHECK_SECONDS)
                except TimeoutError:
                    # A slow reader, or a server stopping: its loop will never run the send,
                    # and a thread waiting for it forever would keep the process from exiting.
                    if not loop.is_running():
                        future.cancel()
                        raise OSError("the server stopped mid-response") from None

        headers = [
            (name.encode("ascii"), value.encode("latin1")) for name, value in response.items()
        ]
        headers += [
            (b"Set-Cookie", cookie.OutputString().encode("ascii"))
            for cookie in response.cookies.values()
        ]
        try:
            start = {"status": response.status_code, "headers": headers}
            sent({"type": "http.response.start", **start})
            if response.streaming:
                for part in response:
                    for chunk, _ in self.chunk_bytes(part):
                        sent({"type": "http.response.body", "body": chunk, "more_body": True})
                sent({"type": "http.response.body", "body": b""})
            else:
                for chunk, last in self.chunk_bytes(response.content):
                    sent({"type": "http.response.body", "body": chunk, "more_body": not last})
        except (OSError, RuntimeError):  # the server's word for a client gone mid-response
            logger.debug("The client left before the response was sent.")
