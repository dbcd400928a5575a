"""Request bodies over their route's limit are refused with 413 over a real socket, before the
server has read them: a declared length at once, a chunked body as soon as it passes the limit.
"""

import socket
import time
from urllib.parse import urlparse

import pytest
from django.conf import settings

pytestmark = pytest.mark.integration


def _connect(herald_server):
    url = urlparse(herald_server.url)
    sock = socket.create_connection((url.hostname, url.port), timeout=20)
    return sock, f"{url.hostname}:{url.port}"


def _status_of(sock):
    """The status line the server sent, read while the client may still be sending."""
    answer = b""
    deadline = time.monotonic() + 20
    while b"\r\n" not in answer and time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except ConnectionResetError:
            break  # a reset after the answer is allowed
        if not chunk:
            break
        answer += chunk
    while True:  # the rest of the answer, when it is there
        try:
            chunk = sock.recv(4096)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        answer += chunk
    return answer.split(b"\r\n", 1)[0].decode(), answer


def _headers(host, path, extra):
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", *extra, "", ""]
    return "\r\n".join(lines).encode()


@pytest.mark.parametrize(
    "path, limit",
    [
        ("/galleries/submit/", settings.HERALD_UPLOAD_BODY_MAX_BYTES),
        ("/accounts/login/", settings.HERALD_BODY_MAX_BYTES),
    ],
)
def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(
    herald_server, path, limit
):
    sock, host = _connect(herald_server)
    with sock:
        sock.sendall(
            _headers(
                host,
                path,
                [
                    f"Content-Length: {max(limit + 1, 2_147_483_648)}",
                    "Content-Type: multipart/form-data; boundary=x",
                ],
            )
        )
        sock.sendall(b"--x\r\n" + b"a" * 1000)  # a taste of the body, nowhere near all of it
        status, answer = _status_of(sock)
    assert status.startswith("HTTP/1.1 413"), answer[:300]
    assert b"Request body too large" in answer and b"Nothing was saved" in answer


def test_a_chunked_body_is_cut_off_as_soon_as_it_passes_the_limit(herald_server):
    limit = settings.HERALD_BODY_MAX_BYTES
    sock, host = _connect(herald_server)
    sent = 0
    with sock:
        sock.sendall(
            _headers(
                host,
                "/accounts/login/",
                ["Transfer-Encoding: chunked", "Content-Type: application/x-www-form-urlencoded"],
            )
        )
        chunk = b"a" * 65536
        sock.settimeout(0.05)
        status = ""
        # Keep sending up to ten times the limit; the answer must come long before the end.
        while sent < limit * 10:
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                break
            try:
                peek = sock.recv(4096, socket.MSG_PEEK)
            except (BlockingIOError, TimeoutError):
                continue
            if peek:
                break
        sock.settimeout(20)
        status, answer = _status_of(sock)
    assert status.startswith("HTTP/1.1 413"), answer[:300]
    assert sent < limit * 3  # refused near the limit, not after reading everything


def test_a_body_within_the_limit_reaches_the_form(herald_server):
    sock, host = _connect(herald_server)
    body = b"login=nobody%40example.com&password=wrong"
    with sock:
        sock.sendall(
            _headers(
                host,
                "/accounts/login/",
                [
                    f"Content-Length: {len(body)}",
                    "Content-Type: application/x-www-form-urlencoded",
                    "Connection: close",
                ],
            )
            + body
        )
        status, _ = _status_of(sock)
    assert status.startswith("HTTP/1.1 403")  # Django read it: the CSRF check answered
