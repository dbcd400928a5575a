"""The page cache's front door: cache hits answered before Django runs.

A GET or HEAD on a site's alias that Django has already checked once (HERALD_SITE_ALIASES) is
answered here too: a 301 to the canonical root, as ``CanonicalHostMiddleware`` answers.

A hit needs no request object, middleware, session, URL resolution or database, so it is served
here from the ASGI scope: the host is mapped to its site from the process's memo, the entry is
read, and the stored response is sent (or a 304). Everything else goes on to Django, whose
``PageCacheMiddleware`` stores what it renders.

Signed-in members are served here too: a stored page was rendered without reading any session,
so it is the page they would get. Only two things send a member's request on to Django: a
message waiting in the ``messages`` cookie (``HERALD_PAGE_CACHE_BYPASS_COOKIES``: the next page
shows it, privately, and clears the cookie), and a copy marked ``Vary: Cookie`` (a page that
reads differently with a session, such as the plain comments page with its form), which only
browsers without a session cookie are given. Pages behind a restriction, drafts and previews
are never stored at all.

This is also where the stampede is stopped. When an entry is missing or stale, the first
request takes a short render lock (in the shared cache, so across processes too) and renders;
the others get the stale copy at once, or, when there is none, wait briefly for the first one's
copy instead of rendering it again.
"""

import asyncio
import time

from django.conf import settings
from django.utils.encoding import escape_uri_path

from . import pagecache
from .sites import canonical_root_remembered, is_redirectable, site_id_remembered

WAIT_STEP_SECONDS = 0.02
SCOPE_RENDER_KEY = "herald.page_render_key"


# The request headers a hit reads, by their ASGI (lower-case bytes) name; no other is decoded.
HIT_HEADERS = {
    b"host": "host",
    b"cookie": "cookie",
    b"if-none-match": "if_none_match",
    b"if-modified-since": "if_modified_since",
    b"accept-encoding": "accept_encoding",
}


def page_request_from_scope(scope) -> tuple[pagecache.PageRequest, str]:
    found = {}
    for name, value in scope["headers"]:
        field = HIT_HEADERS.get(name)
        if field is None:
            continue
        value = value.decode("latin-1")
        if field == "cookie" and "cookie" in found:  # HTTP/2 may split the cookies up
            value = f"{found['cookie']}; {value}"
        found[field] = value
    host = found.pop("host", "")
    cookie = found.pop("cookie", "")
    return pagecache.PageRequest(
        method=scope["method"],
        path=scope["path"],
        query_string=scope["query_string"].decode("latin-1"),
        cookies=pagecache.cookie_names(cookie) if cookie else frozenset(),
        **found,
    ), host


NOT_MODIFIED_DROPS = (b"content-length", b"content-type", b"content-encoding")


async def send_entry(send, entry, page_request, state):
    """The stored page in the encoding the client accepts best (compressed when stored)."""
    encoding = entry.encoding_for(page_request)
    headers = entry.asgi_headers_for(state, encoding)
    status, body = entry.status, entry.body_for(encoding)
    if entry.not_modified_for(page_request, encoding):
        status, body = 304, b""
        headers = [(n, v) for n, v in headers if n not in NOT_MODIFIED_DROPS]
    elif page_request.method == "HEAD":
        body = b""
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_canonical_redirect(send, root, scope):
    """301 from a site's alias to the same path and query on its canonical root."""
    location = root + escape_uri_path(scope["path"])
    if scope["query_string"]:
        location += "?" + scope["query_string"].decode("latin-1")
    headers = [
        (b"location", location.encode("latin-1")),
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", b"0"),
    ]
    await send({"type": "http.response.start", "status": 301, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def with_page_cache(django_application):
    async def application(scope, receive, send):
        if scope["type"] != "http":
            return await django_application(scope, receive, send)
        page_request, host = page_request_from_scope(scope)
        if host and is_redirectable(page_request.method, page_request.path):
            root = canonical_root_remembered(host)  # an alias Django has already checked
            if root and root.split("://", 1)[-1] != host.lower():
                return await send_canonical_redirect(send, root, scope)
        site_id = site_id_remembered(host) if host else None
        key = None
        if site_id is not None and pagecache.is_cacheable_request(page_request):
            key = pagecache.page_key(site_id, page_request)
        if key is None:
            return await django_application(scope, receive, send)

        entry, state = pagecache.entry_lookup_local(key)
        if entry is not None and not entry.serves(page_request):
            # A page that reads differently with a session: the member's render is private,
            # never stored, and leaves the anonymous copy alone.
            return await django_application(scope, receive, send)
        if state == pagecache.FRESH_STATE:
            return await send_entry(send, entry, page_request, pagecache.HIT)
        if not pagecache.render_lock_acquire(key):
            if entry is not None:
                return await send_entry(send, entry, page_request, pagecache.STALE)
            entry = await _wait_for_entry(key)
            if entry is not None and entry.serves(page_request):
                return await send_entry(send, entry, page_request, pagecache.HIT)
            # The other render is taking too long: render too rather than fail the reader.
            return await django_application(scope, receive, send)
        try:
            scope = {**scope, SCOPE_RENDER_KEY: key}
            return await django_application(scope, receive, send)
        finally:
            pagecache.render_lock_release(key)

    return application


async def _wait_for_entry(key):
    deadline = time.monotonic() + settings.HERALD_PAGE_CACHE_WAIT_SECONDS
    while time.monotonic() < deadline:
        await asyncio.sleep(WAIT_STEP_SECONDS)
        entry, state = pagecache.entry_lookup(key)
        if state == pagecache.FRESH_STATE:
            return entry
        if not pagecache.render_lock_held(key):
            return None  # the render finished with nothing to keep (a 404, a private page)
    return None
