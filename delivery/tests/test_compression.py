"""Stored pages go out compressed: gzip and Brotli made once when stored, chosen per request."""

import gzip
import itertools

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from delivery import compression, pagecache
from delivery.cache import cache_publicly
from delivery.compression import encoding_chosen, etag_encoded
from delivery.middleware import PageCacheMiddleware

from .asgi_client import asgi_get

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress}


def vary_of(headers) -> set[str]:
    return {part.strip().lower() for part in headers.get("vary", "").split(",") if part.strip()}


@pytest.fixture
def stored_home(front_door):
    """The home page stored by an uncompressed miss; its identity answer."""
    first = asgi_get(front_door, "/")
    assert first.cache_state == pagecache.MISS and first.status == 200
    return first


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("identity", None),
        ("gzip;q=0.5, identity", None),
        ("br;q=0, gzip;q=0, *;q=0", None),
        ("", None),
    ],
)
def test_a_hit_sends_the_encoding_the_client_accepts_best(
    front_door, stored_home, accept_encoding, expected
):
    headers = [("accept-encoding", accept_encoding)] if accept_encoding else []
    hit = asgi_get(front_door, "/", headers=headers)
    assert hit.cache_state == pagecache.HIT and hit.status == 200
    assert hit.headers.get("content-encoding") == expected
    body = DECODERS[expected](hit.body) if expected else hit.body
    assert body == stored_home.body  # byte for byte the page as rendered
    if expected:
        assert len(hit.body) < len(stored_home.body)
    assert int(hit.headers["content-length"]) == len(hit.body)
    assert "accept-encoding" in vary_of(hit.headers)


def test_each_encoding_has_its_own_etag_and_answers_its_own_304(front_door, stored_home):
    identity_tag = stored_home.headers["etag"]
    assert identity_tag.endswith('"')
    tags = {"": identity_tag}
    for coding, suffix in (("br", "-br"), ("gzip", "-gz")):
        hit = asgi_get(front_door, "/", headers=[("accept-encoding", coding)])
        assert hit.headers["etag"] == identity_tag[:-1] + suffix + '"'
        tags[coding] = hit.headers["etag"]
    assert len(set(tags.values())) == 3
    for coding, tag in tags.items():
        asked = [("accept-encoding", coding)] if coding else []
        again = asgi_get(front_door, "/", headers=[*asked, ("if-none-match", tag)])
        assert again.status == 304 and again.body == b""
        assert again.headers["etag"] == tag
        assert "content-encoding" not in again.headers
        assert "accept-encoding" in vary_of(again.headers)
        # Another encoding's tag names another representation: the page itself is sent.
        other = next(t for c, t in tags.items() if c != coding)
        full = asgi_get(front_door, "/", headers=[*asked, ("if-none-match", other)])
        assert full.status == 200 and full.headers.get("content-encoding") == (coding or None)


def test_head_says_the_length_of_the_encoding_it_would_send(front_door, stored_home):
    hit = asgi_get(front_door, "/", method="HEAD", headers=[("accept-encoding", "br")])
    assert hit.body == b"" and hit.headers["content-encoding"] == "br"
    full = asgi_get(front_door, "/", headers=[("accept-encoding", "br")])
    assert int(hit.headers["content-length"]) == len(full.body)


@pytest.mark.parametrize(
    "accept_encoding",
    ["br;q=abc", "gzip;q=nan, br;q=2", ";;;,,,", "gzip;;q=", "br;q=-1", "x" * 5000, "é, br;q=0"],
)
def test_a_malformed_accept_encoding_falls_back_instead_of_failing(
    front_door, stored_home, accept_encoding
):
    hit = asgi_get(front_door, "/", headers=[("accept-encoding", accept_encoding)])
    assert hit.status == 200
    coding = hit.headers.get("content-encoding")
    assert (DECODERS[coding](hit.body) if coding else hit.body) == stored_home.body


def test_the_miss_that_stores_the_page_is_answered_compressed(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br", **NEWS)
    assert response.headers[pagecache.CACHE_HEADER] == pagecache.MISS
    assert response["Content-Encoding"] == "br"
    assert int(response["Content-Length"]) == len(response.content)
    identity = client.get("/", **NEWS)
    assert identity.headers[pagecache.CACHE_HEADER] == pagecache.HIT
    assert "Content-Encoding" not in identity
    assert brotli.decompress(response.content) == identity.content
    assert "accept-encoding" in vary_of(identity.headers)
    gzipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip", **NEWS)
    assert gzip.decompress(gzipped.content) == identity.content


def test_the_uncompressed_miss_that_stores_the_page_says_it_varies(client):
    response = client.get("/", **NEWS)
    assert response.headers[pagecache.CACHE_HEADER] == pagecache.MISS
    assert "Content-Encoding" not in response
    assert "accept-encoding" in vary_of(response.headers)


def _public_view(body: bytes, content_type: str, keys=("compress-test",)):
    renders = itertools.count(1)

    def view(request):
        response = HttpResponse(body.replace(b"{n}", str(next(renders)).encode()))
        response["Content-Type"] = content_type
        response["ETag"] = '"fixed"'
        return cache_publicly(response, keys=keys)

    return PageCacheMiddleware(view)


def _get(middleware, path, accept_encoding="br, gzip"):
    return middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept_encoding, **NEWS))


@pytest.mark.parametrize(
    ("content_type", "size", "compressed"),
    [
        ("text/html; charset=utf-8", 4000, True),
        ("application/json", 4000, True),
        ("application/rss+xml; charset=utf-8", 4000, True),
        ("application/atom+xml", 4000, True),
        ("text/css", 4000, True),
        ("text/plain", 4000, True),
        ("text/html; charset=utf-8", 100, False),  # under HERALD_COMPRESS_MIN_BYTES
        ("image/png", 4000, False),
        ("application/octet-stream", 4000, False),
        ("text/event-stream", 4000, False),
    ],
)
def test_only_text_bodies_worth_it_are_compressed(content_type, size, compressed):
    body = (b"<p>The harbour wall {n} held all night. </p>" * 200)[:size]
    middleware = _public_view(body, content_type)
    path = f"/compress/{content_type.split(';')[0]}/{size}/"
    miss = _get(middleware, path)
    hit = _get(middleware, path)
    assert hit.headers[pagecache.CACHE_HEADER] == pagecache.HIT
    for response in (miss, hit):
        assert ("Content-Encoding" in response) is compressed
        if compressed:
            assert brotli.decompress(response.content).startswith(b"<p>The harbour wall 1 ")
            assert int(response["Content-Length"]) == len(response.content)
        else:
            assert response.content.startswith(b"<p>The harbour wall 1 ")
            assert "accept-encoding" not in vary_of(response.headers)


def test_an_event_stream_is_never_compressed(settings):
    settings.HERALD_COMPRESS_MIN_BYTES = 0
    body = b"event: story\ndata: {}\n\n" * 500
    assert compression.encodings_make(body, "text/event-stream") == {}
    assert compression.encodings_make(body, "text/event-stream; charset=utf-8") == {}
    assert set(compression.encodings_make(body, "text/plain")) == {"br", "gzip"}


def test_a_purge_drops_every_encoding(settings):
    middleware = _public_view(b"<p>Edition {n}</p>" + b"<p>More news.</p>" * 300, "text/html")
    path = "/compress/purged/"
    for coding in ("br", "gzip", "identity"):
        _get(middleware, path, coding)
    for coding in ("br", "gzip", "identity"):
        assert _get(middleware, path, coding).headers[pagecache.CACHE_HEADER] == pagecache.HIT
    pagecache.keys_purge(["compress-test"])
    fresh = _get(middleware, path, "br")  # the stale copy is not served as fresh to anyone
    assert fresh.headers[pagecache.CACHE_HEADER] == pagecache.MISS
    assert brotli.decompress(fresh.content).startswith(b"<p>Edition 2</p>")
    for coding, decode in (("gzip", gzip.decompress), ("identity", bytes)):
        hit = _get(middleware, path, coding)
        assert hit.headers[pagecache.CACHE_HEADER] == pagecache.HIT
        assert decode(hit.content).startswith(b"<p>Edition 2</p>")


def test_the_brotli_quality_and_the_smallest_body_are_settings(settings):
    body = b"<p>The harbour wall held all night.</p>" * 100
    settings.HERALD_COMPRESS_MIN_BYTES = len(body) + 1
    assert compression.encodings_make(body, "text/html") == {}
    settings.HERALD_COMPRESS_MIN_BYTES = 512
    settings.HERALD_BROTLI_QUALITY = 0
    fast = compression.encodings_make(body, "text/html")["br"]
    settings.HERALD_BROTLI_QUALITY = 11
    best = compression.encodings_make(body, "text/html")["br"]
    assert brotli.decompress(fast) == brotli.decompress(best) == body
    assert len(best) < len(fast)


def test_bad_compression_settings_fail_the_checks(settings):
    from delivery.checks import compression_check

    assert compression_check(None) == []
    settings.HERALD_BROTLI_QUALITY = 12
    settings.HERALD_COMPRESS_MIN_BYTES = -1
    assert [problem.id for problem in compression_check(None)] == [
        "delivery.E004",
        "delivery.E005",
    ]


def test_etags_keep_their_weakness_with_the_suffix():
    assert etag_encoded('"abc"', "br") == '"abc-br"'
    assert etag_encoded('W/"abc"', "gzip") == 'W/"abc-gz"'
    assert etag_encoded('"abc"', "identity") == '"abc"'
    assert etag_encoded("", "br") == ""


def test_nothing_stored_means_identity_whatever_is_asked():
    assert encoding_chosen("br, gzip", {}) == "identity"
    assert encoding_chosen("br, gzip", {"gzip": b""}) == "gzip"
    assert encoding_chosen("x-gzip", {"gzip": b"", "br": b""}) == "gzip"


def test_a_hit_costs_no_compression(front_door, stored_home, monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("compressed on a hit")

    monkeypatch.setattr(compression.brotli, "compress", refused)
    monkeypatch.setattr(compression.gzip, "compress", refused)
    for coding in ("br", "gzip", ""):
        hit = asgi_get(front_door, "/", headers=[("accept-encoding", coding)])
        assert hit.cache_state == pagecache.HIT and hit.status == 200
