"""Herald's one HTTP client, for every request Herald makes to another system.

Weather, the hosted comment scorers, Varnish purges and wire pictures all ask through
``http_request``, which gives each of them the same manners:

- one ``httpx.Client`` per process, so connections (and TLS sessions) are reused across
  requests and threads instead of opened for each one;
- a timeout always: the caller's, or ``HERALD_HTTP_TIMEOUT`` (``HERALD_HTTP_TIMEOUT_MS`` in the
  environment);
- a small retry (``HERALD_HTTP_RETRIES`` more tries): any request whose connection could not be
  opened (nothing was sent), and a request safe to repeat (GET, HEAD, PURGE…) whose reused
  connection the server had dropped; a POST that may have arrived is never sent twice, and
  a timeout is not tried again (the caller's time is spent);
- a ``User-Agent`` naming Herald, so an operator of the other side can tell who is asking;
- a size limit read as the bytes arrive (``max_bytes``): a server that lies about its length,
  or sends no length, cannot make Herald read more;
- redirects are not followed unless asked for, and then only to http(s) (httpx knows no other).

Errors come out as ``HttpError`` with a message fit for a log or an editor, never a bare
library exception. Tests swap the transport (``external.testing.http_answers``, an
``httpx.MockTransport``) and so exercise the real client, retries and limits included.
"""

import json
import threading
from dataclasses import dataclass

import httpx
from django.conf import settings

USER_AGENT = "Herald (news network platform)"
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PURGE"})

_lock = threading.Lock()
_client: httpx.Client | None = None
_transport: httpx.BaseTransport | None = None


class HttpError(Exception):
    """The request failed: no answer, a timeout, an answer too large, or one not 2xx."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


class HttpTooLarge(HttpError):
    """The answer grew past the caller's ``max_bytes``; reading stopped there."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    content: bytes

    def json(self):
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")


def http_client() -> httpx.Client:
    """The process's client, made on first use (settings are read then)."""
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                _client = httpx.Client(
                    headers={"User-Agent": USER_AGENT},
                    event_hooks={"request": [_http_only]},
                    timeout=settings.HERALD_HTTP_TIMEOUT,
                    transport=_transport,
                    follow_redirects=False,
                )
    return _client


def _http_only(request: httpx.Request) -> None:
    """Refuse any scheme but http(s), for the first request and every redirect it follows."""
    if request.url.scheme not in ("http", "https"):
        raise httpx.UnsupportedProtocol(f"{request.url.scheme}: is not fetched", request=request)


def http_transport_set(transport: httpx.BaseTransport | None) -> None:
    """Use ``transport`` from now on (a test's ``httpx.MockTransport``); None: the network."""
    global _client, _transport
    with _lock:
        if _client is not None:
            _client.close()
        _client, _transport = None, transport


def http_request(
    method: str,
    url: str,
    *,
    params=None,
    headers=None,
    data=None,
    json=None,
    timeout: float | None = None,
    max_bytes: int = 1_000_000,
    follow_redirects: bool = False,
    retries: int | None = None,
) -> Answer:
    """Send one request and read its answer whole, up to ``max_bytes``; raise ``HttpError``.

    ``retries`` replaces ``HERALD_HTTP_RETRIES`` for a caller with a retry schedule of its own
    (a purge task is tried again by the worker)."""
    method = method.upper()
    client = http_client()
    retries = settings.HERALD_HTTP_RETRIES if retries is None else retries
    for attempt in range(retries + 1):
        try:
            return _send(
                client,
                method,
                url,
                params=params,
                headers=headers,
                data=data,
                json=json,
                timeout=timeout,
                max_bytes=max_bytes,
                follow_redirects=follow_redirects,
            )
        except httpx.TimeoutException:
            raise HttpError("no answer in time") from None
        except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
            again = isinstance(exc, httpx.ConnectError) or method in IDEMPOTENT
            if not again or attempt == retries:
                raise HttpError(f"could not be reached ({exc})") from None
        except httpx.InvalidURL as exc:
            raise HttpError(f"not a valid address ({exc})") from None
        except httpx.HTTPError as exc:  # other protocol errors, unsupported schemes
            raise HttpError(f"{type(exc).__name__}: {exc}") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _send(client, method, url, *, max_bytes, timeout, **kwargs) -> Answer:
    extra = {} if timeout is None else {"timeout": timeout}
    with client.stream(method, url, **kwargs, **extra) as response:
        if not response.is_success:
            status = response.status_code
            raise HttpError(f"the server answered {status}", status=status)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise HttpTooLarge(f"the answer is larger than {max_bytes:,} bytes")
            chunks.append(chunk)
        return Answer(response.status_code, response.headers, b"".join(chunks))
