"""Fake the other side of Herald's HTTP client in tests, through the real client."""

import contextlib

import httpx

from .http import http_transport_set


@contextlib.contextmanager
def http_answers(handler):
    """Answer every request with ``handler(request) -> httpx.Response`` (or raise an
    ``httpx`` error, as a network would), then go back to the network."""
    http_transport_set(httpx.MockTransport(handler))
    try:
        yield
    finally:
        http_transport_set(None)
