"""Django behind the ASGI front door runs each request in one of a fixed set of threads
(herald/asgi_django.py): the same request and response as Django's own handler gives, with
everything of one request, from ``request_started`` to ``request_finished``, in one thread."""

import asyncio
import io
import threading

import pytest
from django.core import signals
from django.http import FileResponse, HttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from delivery.tests.asgi_client import asgi_scope as _scope
from herald.asgi_django import DjangoInThreads

seen_threads = []


@csrf_exempt
def echo(request):
    seen_threads.append(("view", threading.current_thread().name))
    response = HttpResponse(f"{request.method} {request.POST.get('word', '')}")
    response.set_cookie("flavour", "plain", httponly=True)
    response["X-Path"] = request.path
    return response


def a_file(request):
    return FileResponse(io.BytesIO(b"x" * 150_000), content_type="application/octet-stream")


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("echo/", echo), path("file/", a_file), path("broken/", broken)]

MINIMAL = {"MIDDLEWARE": ["django.middleware.common.CommonMiddleware"], "ALLOWED_HOSTS": ["*"]}


@pytest.fixture
def handler():
    with override_settings(ROOT_URLCONF=__name__, **MINIMAL):
        handler = DjangoInThreads(threads=2)
        yield handler
    handler.executor.shutdown()


@pytest.fixture
def threads_of_a_request():
    def started(**kwargs):
        seen_threads.append(("started", threading.current_thread().name))

    def finished(**kwargs):
        seen_threads.append(("finished", threading.current_thread().name))

    seen_threads.clear()
    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    yield seen_threads
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)


def _call(handler, scope, body=b"", send=None):
    messages = []
    chunks = [body[i : i + 10] for i in range(0, len(body), 10)] or [b""]

    async def receive():
        if chunks:
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        await asyncio.Event().wait()  # the client stays; nothing more arrives

    async def keep(message):
        messages.append(message)

    asyncio.run(handler(scope, receive, send or keep))
    return messages


def test_a_post_is_read_whole_and_answered_with_its_headers_and_cookies(handler):
    form = b"word=" + b"abc" * 20
    messages = _call(
        handler,
        _scope(
            "/echo/",
            method="POST",
            headers=[("content-type", "application/x-www-form-urlencoded")],
        ),
        body=form,
    )
    start, body = messages
    headers = dict(start["headers"])
    assert start["status"] == 200
    assert headers[b"X-Path"] == b"/echo/"
    assert headers[b"Set-Cookie"].startswith(b"flavour=plain;")
    assert b"HttpOnly" in headers[b"Set-Cookie"]
    assert body["body"] == b"POST " + b"abc" * 20
    assert body["more_body"] is False


def test_everything_of_one_request_runs_in_one_thread_of_the_pool(handler, threads_of_a_request):
    for _ in range(3):
        _call(handler, _scope("/echo/"))
    assert [step for step, _ in threads_of_a_request] == ["started", "view", "finished"] * 3
    for request in range(3):
        names = {name for _, name in threads_of_a_request[request * 3 : request * 3 + 3]}
        assert len(names) == 1  # request_started, the view and request_finished: one thread
        assert names.pop().startswith("django")  # one of the handler's, not the event loop's
    assert len({name for _, name in threads_of_a_request}) <= 2  # the pool's threads, reused


def test_a_file_is_streamed_in_chunks_and_ended(handler):
    messages = _call(handler, _scope("/file/"))
    start, *bodies = messages
    assert start["status"] == 200
    assert b"".join(m["body"] for m in bodies) == b"x" * 150_000
    assert len(bodies) >= 3 and all(m["more_body"] for m in bodies[:-1])
    assert bodies[-1] == {"type": "http.response.body", "body": b""}


def test_a_bug_in_a_view_is_a_500_not_a_crashed_server(handler):
    with override_settings(DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False):
        messages = _call(handler, _scope("/broken/"))
    assert messages[0]["status"] == 500


def test_a_client_gone_mid_response_still_ends_the_request(handler, threads_of_a_request):
    sent = []

    async def gone(message):
        sent.append(message["type"])
        if message["type"] == "http.response.body":
            raise OSError("connection closed")

    _call(handler, _scope("/file/"), send=gone)
    assert sent == ["http.response.start", "http.response.body"]  # nothing more was tried
    assert [step for step, _ in threads_of_a_request] == ["started", "finished"]


def test_a_client_gone_before_its_body_arrived_reaches_no_view(handler, threads_of_a_request):
    async def receive():
        return {"type": "http.disconnect"}

    async def keep(message):
        raise AssertionError("nothing is sent to a client who left")

    asyncio.run(handler(_scope("/echo/", method="POST"), receive, keep))
    assert threads_of_a_request == []


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited")  # the stopped loop's
def test_a_server_stopping_mid_response_does_not_keep_the_thread_waiting(handler):
    """A send handed to a loop that no longer runs is never done: the thread gives up on it
    (else the process could not exit: its threads are joined at exit)."""
    stopped = asyncio.new_event_loop()  # never runs, as a stopped server's loop
    ended = threading.Event()

    async def send(message):
        raise AssertionError("a stopped loop runs nothing")

    def respond():
        handler._send(HttpResponse("a page"), send, stopped)
        ended.set()

    threading.Thread(target=respond, daemon=True).start()
    assert ended.wait(timeout=10)
    stopped.close()
