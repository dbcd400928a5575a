"""Compressed copies of a stored page: made once when the page is stored, chosen per request.

The page cache keeps, beside the body, its gzip and Brotli encodings (``encodings_make``), so
a hit costs no compression: ``encoding_chosen`` reads the client's ``Accept-Encoding`` and
picks the best stored encoding it accepts (br, then gzip, then the body as it is). Each
encoding is its own representation, with its own ETag (``etag_encoded``: the identity tag with
``-br`` or ``-gz`` inside the quotes) and its own Content-Length, and every variant of a page
that has encodings says ``Vary: Accept-Encoding``.

Only public pages are compressed (they are the only ones stored): a private page can carry a
CSRF token beside what the reader typed, which is what BREACH needs (docs/performance.md).
"""

import functools
import gzip

import brotli
from django.conf import settings

IDENTITY, GZIP, BROTLI = "identity", "gzip", "br"
PREFERENCE = (BROTLI, GZIP, IDENTITY)  # on equal q-values, the smallest first
ETAG_SUFFIXES = {BROTLI: "-br", GZIP: "-gz"}
ALIASES = {"x-gzip": GZIP}
GZIP_LEVEL = 6
MAX_ACCEPT_ENCODING_LENGTH = 1024

TEXT_TYPES = {
    "application/json",
    "application/xml",
    "application/javascript",
    "application/ecmascript",
    "application/manifest+json",
    "image/svg+xml",
}
NEVER_TYPES = {"text/event-stream"}  # a stream: each event must leave at once, whole


def is_compressible(content_type: str) -> bool:
    """Text (HTML, JSON, XML feeds, CSS, JavaScript, plain text), never an event stream."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in NEVER_TYPES:
        return False
    return (
        media_type.startswith("text/")
        or media_type in TEXT_TYPES
        or media_type.endswith(("+xml", "+json"))
    )


def encodings_make(body: bytes, content_type: str) -> dict[str, bytes]:
    """The gzip and Brotli encodings of ``body`` worth keeping (none for small or binary ones).

    An encoding no smaller than the body is left out: sending it would only cost the client.
    """
    if len(body) < settings.HERALD_COMPRESS_MIN_BYTES or not is_compressible(content_type):
        return {}
    encoded = {
        BROTLI: brotli.compress(
            body, mode=brotli.MODE_TEXT, quality=settings.HERALD_BROTLI_QUALITY
        ),
        GZIP: gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
    }
    return {name: data for name, data in encoded.items() if len(data) < len(body)}


@functools.lru_cache(maxsize=256)  # browsers send a handful of spellings; hits parse none
def _accepted(accept_encoding: str) -> dict[str, float]:
    """Coding -> q-value from an ``Accept-Encoding`` header; a malformed part counts as 0.

    The dict is shared by every caller of the same header: read it, never change it."""
    accepted = {}
    for part in accept_encoding[:MAX_ACCEPT_ENCODING_LENGTH].split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        coding = ALIASES.get(coding.lower(), coding.lower())
        if not coding:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:  # also NaN
                    q = 0.0
        accepted[coding] = q
    return accepted


def encoding_chosen(accept_encoding: str, available) -> str:
    """The encoding to send: the stored one the client accepts most, br before gzip on a tie.

    The body as it is when the client accepts none of them (even when it said ``identity;q=0``:
    an uncompressed page is better than a 406), or when the header makes no sense.
    """
    if not accept_encoding or not available:
        return IDENTITY
    accepted = _accepted(accept_encoding)
    anything = accepted.get("*", 0.0)
    best, best_q = IDENTITY, 0.0
    for coding in PREFERENCE[:-1]:
        q = accepted.get(coding, anything)
        if coding in available and q > best_q:
            best, best_q = coding, q
    # Unnamed, identity is only the fallback; named with a higher q-value, it is preferred.
    return IDENTITY if accepted.get(IDENTITY, anything) > best_q else best


def etag_encoded(etag: str, encoding: str) -> str:
    """``"abc"`` -> ``"abc-br"``, ``W/"abc"`` -> ``W/"abc-br"``: a tag per representation."""
    suffix = ETAG_SUFFIXES.get(encoding)
    if not etag or not suffix or not etag.endswith('"'):
        return etag
    return f'{etag[:-1]}{suffix}"'
