"""Herald's one HTTP client: reused connections, timeouts, a small retry, a size limit."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from external.http import HttpError, HttpTooLarge, http_client, http_request
from external.testing import http_answers


@pytest.fixture
def loopback():
    """A keep-alive HTTP/1.1 server on loopback that records which connection asked."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            seen.append((self.client_address, self.headers["User-Agent"]))
            body = b"hello"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", seen
    server.shutdown()
    server.server_close()


def test_requests_share_one_client_and_reuse_its_connection(loopback):
    url, seen = loopback
    assert http_client() is http_client()
    assert http_request("GET", url).content == b"hello"
    assert http_request("GET", url).text == "hello"
    (first, agent), (second, _) = seen
    assert first == second  # the same connection (address and port) asked twice
    assert agent.startswith("Herald")


def test_the_default_timeout_comes_from_the_settings(settings):
    from external.http import http_transport_set

    settings.HERALD_HTTP_TIMEOUT = 1.5
    http_transport_set(None)  # a new client, made with the setting
    assert http_client().timeout.read == 1.5
    timeouts = []

    def answer(request):
        timeouts.append(request.extensions["timeout"]["read"])
        return httpx.Response(200)

    with http_answers(answer):  # and back to a client made with the defaults afterwards
        http_request("GET", "http://example.test/")
        http_request("GET", "http://example.test/", timeout=0.25)
    assert timeouts == [1.5, 0.25]


def test_a_request_safe_to_repeat_is_tried_once_more_after_a_dropped_connection():
    tries = []

    def flaky(request):
        tries.append(request.method)
        if len(tries) == 1:
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return httpx.Response(200, content=b"ok")

    with http_answers(flaky):
        assert http_request("GET", "http://example.test/").content == b"ok"
    assert tries == ["GET", "GET"]


def test_a_post_that_may_have_arrived_is_never_sent_twice():
    tries = []

    def dropped(request):
        tries.append(request.method)
        raise httpx.ReadError("connection reset", request=request)

    with http_answers(dropped), pytest.raises(HttpError, match="could not be reached"):
        http_request("POST", "http://example.test/", json={"a": 1})
    assert tries == ["POST"]


def test_a_connection_that_never_opened_is_tried_again_even_for_a_post(settings):
    settings.HERALD_HTTP_RETRIES = 2
    tries = []

    def refused(request):
        tries.append(request.method)
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with http_answers(refused), pytest.raises(HttpError, match="Connection refused"):
        http_request("POST", "http://example.test/")
    assert len(tries) == 3
    tries.clear()
    with http_answers(refused), pytest.raises(HttpError):
        http_request("PURGE", "http://example.test/", retries=0)
    assert len(tries) == 1


def test_a_timeout_is_not_tried_again():
    tries = []

    def slow(request):
        tries.append(1)
        raise httpx.ReadTimeout("timed out", request=request)

    with http_answers(slow), pytest.raises(HttpError, match="no answer in time"):
        http_request("GET", "http://example.test/")
    assert tries == [1]


@pytest.mark.parametrize("status", [301, 404, 500, 503])
def test_an_answer_that_is_not_2xx_is_an_error_with_its_status(status):
    with http_answers(lambda request: httpx.Response(status)):
        with pytest.raises(HttpError, match=f"answered {status}") as error:
            http_request("GET", "http://example.test/")
    assert error.value.status == status


def test_reading_stops_at_the_size_limit_whatever_the_server_says():
    read = []

    def endless():
        while True:
            read.append(1)
            yield b"x" * 1000

    def answer(request):
        return httpx.Response(200, headers={"Content-Length": "10"}, content=endless())

    with http_answers(answer), pytest.raises(HttpTooLarge, match="larger than 5,000 bytes"):
        http_request("GET", "http://example.test/", max_bytes=5000)
    assert len(read) <= 6


def test_redirects_are_followed_only_when_asked_and_only_to_http():
    def answer(request):
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"Location": "http://example.test/here"})
        if request.url.path == "/sly":
            return httpx.Response(302, headers={"Location": "file:///etc/passwd"})
        return httpx.Response(200, content=b"here")

    with http_answers(answer):
        with pytest.raises(HttpError, match="answered 302"):
            http_request("GET", "http://example.test/moved")
        answer_ = http_request("GET", "http://example.test/moved", follow_redirects=True)
        assert answer_.content == b"here"
        with pytest.raises(HttpError):
            http_request("GET", "http://example.test/sly", follow_redirects=True)


def test_a_bad_address_is_an_error_not_a_crash():
    with pytest.raises(HttpError):
        http_request("GET", "ftp://example.test/file")
    with pytest.raises(HttpError):
        http_request("GET", "http://[not an address/")
