import time
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse, QueryDict
from django.utils.cache import patch_vary_headers

from . import compression, pagecache
from .asgi import SCOPE_RENDER_KEY
from .cache import SURROGATE_KEY_HEADER, cache_publicly, make_private
from .fragments import versions_read_once
from .sites import (
    DisallowedHost,
    canonical_root_for_alias,
    is_redirectable,
    network_origins,
    site_id_for_host,
)

MESSAGES_COOKIE = CookieStorage.cookie_name
# Refusals that say nothing about the stored copy: a HEAD the view does not answer (the API's
# 405) and a client over its rate limit (429). They leave the copy for everyone else.
ANSWERS_ABOUT_THE_REQUEST = (405, 429)


class CanonicalHostMiddleware:
    """Send a GET or HEAD on a site's alias (HERALD_SITE_ALIASES) to its canonical root (301).

    Before the page cache, so that an alias never gets a copy of its own. POSTs (their body would
    be lost), ``/healthz``, the admin and purges are left alone; a host Django refuses is left
    to Django's 400, and a host that is nobody's alias is served as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_redirectable(request.method, request.path):
            try:
                host = request.get_host()
                root = canonical_root_for_alias(host)
            except (DisallowedHost, DatabaseError):
                root = None
            if root and root.split("://", 1)[-1] != host.lower():
                return HttpResponsePermanentRedirect(root + request.get_full_path())
        return self.get_response(request)


class PageCacheMiddleware:
    """Store what Django renders for everyone; serve a stale copy when rendering fails.

    First in the middleware list, so it keeps the response exactly as it leaves Herald (with its
    security headers) and is the last to see an error. Hits are normally answered earlier, by the
    ASGI front door; this middleware also answers them itself when there is no front door (the
    test client, ``runserver``), so the rules are the same everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The kept parts' key versions are read once a request, and the parts this page read
        # last time are fetched in one go (a guess only: the raw host is good enough).
        page = None
        if request.method in ("GET", "HEAD"):
            page = request.META.get("HTTP_HOST", "") + request.path
        with versions_read_once(page):
            return self._answer(request)

    def _answer(self, request):
        page_request = page_request_from_django(request)
        key = None
        if pagecache.is_cacheable_request(page_request):
            try:
                site_id = site_id_for_host(request.get_host())
            except DisallowedHost:
                site_id = None
            except DatabaseError:  # the database is down and this host isn't remembered
                site_id = None
            if site_id is not None:
                key = pagecache.page_key(site_id, page_request)
        if key is None:
            return self.get_response(request)

        locked = False  # by this middleware: the front door releases the locks it takes
        if SCOPE_RENDER_KEY not in getattr(request, "scope", {}):
            entry, state = pagecache.entry_lookup(key)
            if entry is not None and not entry.serves(page_request):
                pass  # the member's own render (see delivery.asgi)
            elif state == pagecache.FRESH_STATE:
                return response_from_entry(entry, page_request, pagecache.HIT)
            elif entry is not None:
                if not pagecache.render_lock_acquire(key):
                    return response_from_entry(entry, page_request, pagecache.STALE)
                locked = True
        try:
            return self._render(request, page_request, key)
        finally:
            if locked:
                pagecache.render_lock_release(key)

    def _render(self, request, page_request, key):
        # Views see only the query the cache key names, and render the whole page: the
        # conditional answer is worked out here, from the stored copy.
        query = pagecache.query_normalised(page_request.query_string, page_request.path)
        request.GET = QueryDict(query or "")
        for header in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"):
            request.META.pop(header, None)
        render_started = time.time()
        response = self.get_response(request)

        if response.status_code >= 500:
            entry, _ = pagecache.entry_lookup(key)
            if entry is not None and entry.serves(page_request):
                return response_from_entry(entry, page_request, pagecache.STALE_IF_ERROR)
            return response
        if pagecache.is_storable(response):
            entry = pagecache.entry_keep(key, response, render_started=render_started)
            response.headers[pagecache.CACHE_HEADER] = pagecache.MISS
            # Compressed once, for the store and for this answer too.
            encoding = entry.encoding_for(page_request)
            if encoding != compression.IDENTITY or entry.not_modified_for(page_request, encoding):
                return response_from_entry(entry, page_request, pagecache.MISS)
        elif (
            not pagecache.is_member_request(page_request)
            and response.status_code not in ANSWERS_ABOUT_THE_REQUEST
        ):
            # The page is gone or no longer public. (A member's private render says nothing
            # about the anonymous reader's copy: a restricted page, the comment form.)
            pagecache.entry_drop(key)
        return response


def page_request_from_django(request) -> pagecache.PageRequest:
    return pagecache.PageRequest(
        method=request.method,
        path=request.path,
        query_string=request.META.get("QUERY_STRING", ""),
        cookies=frozenset(name for name, value in request.COOKIES.items() if value.strip('"')),
        if_none_match=request.META.get("HTTP_IF_NONE_MATCH", ""),
        if_modified_since=request.META.get("HTTP_IF_MODIFIED_SINCE", ""),
        accept_encoding=request.META.get("HTTP_ACCEPT_ENCODING", ""),
    )


def response_from_entry(entry, page_request, state):
    encoding = entry.encoding_for(page_request)
    if entry.not_modified_for(page_request, encoding):
        response = HttpResponse(status=304)
        skip = ("content-length", "content-type", "content-encoding")
    else:
        response = HttpResponse(entry.body_for(encoding), status=entry.status)
        skip = ()
    for name, value in entry.headers_for(state, encoding):
        if name.lower() not in skip:
            response.headers[name] = value
    return response


class CachePolicyMiddleware:
    """Make sure a publicly cacheable response never carries anything personal.

    A response that a page marked public becomes ``private, no-store`` when its render read the
    session of the browser that sent it, showed or left a message, or sets a cookie (a session
    or CSRF token), so that no cache can ever hand one person's page to another. Otherwise it
    stays public whoever asked: a member's render that never looked at the session is the
    anonymous page, and is stored for everyone. A page that asked who is reading
    (``delivery.cache.signed_in_member``) but found nobody is public with ``Vary: Cookie``:
    caches keep it for browsers without a session only. Wagtail's admin relies on inline
    scripts, so the strict public Content-Security-Policy is not applied under ``/admin/``;
    sign-in pages may post forms on to the sign-in providers and, since signing in at the
    account home goes on to the network's other sites (docs/accounts.md), to those sites.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # response._csp_config is read by Django's ContentSecurityPolicyMiddleware.
        if request.path.startswith("/admin/"):
            response._csp_config = None
        elif request.path.startswith("/accounts/"):
            response._csp_config = {
                **settings.SECURE_CSP,
                "form-action": [*settings.HERALD_SIGNIN_FORM_ACTION, *network_origins()],
            }
        if SURROGATE_KEY_HEADER not in response.headers:
            return response
        if (
            response.cookies
            or self._sets_cookie_later(request)
            or self._read_a_session(request)
            or self._shows_messages(request)
        ):
            return make_private(response)
        if hasattr(request, "herald_surrogate_keys"):
            cache_publicly(
                response,
                keys=request.herald_surrogate_keys,
                max_age=getattr(request, "herald_max_age", None),
            )
        if getattr(request, "herald_varies_for_members", False):
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _sets_cookie_later(request):
        # The session and CSRF middleware add their cookies after this one has run.
        session = getattr(request, "session", None)
        return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or bool(
            session is not None and session.modified
        )

    @staticmethod
    def _read_a_session(request):
        """Whether the render looked into the session the browser sent (who is signed in)."""
        session = getattr(request, "session", None)
        return (
            session is not None
            and session.accessed
            and settings.SESSION_COOKIE_NAME in request.COOKIES
        )

    @staticmethod
    def _shows_messages(request):
        """Whether the render showed the messages waiting in the browser's cookie, or added
        one (the message middleware then writes or clears that cookie)."""
        storage = getattr(request, "_messages", None)
        if storage is None:
            return False
        return storage.added_new or (storage.used and bool(request.COOKIES.get(MESSAGES_COOKIE)))


def reject_nul_bytes(get_response):
    """Answer 400 to NUL bytes in the path or query: PostgreSQL refuses them in text, which
    would otherwise surface as a 500 deep in a view."""

    def middleware(request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return JsonResponse({"detail": "Bad request: NUL byte in the address."}, status=400)
        return get_response(request)

    return middleware


FLASH_MARKER = "flash"
REDIRECTS = (301, 302, 303, 307, 308)


def flash_redirects(get_response):
    """Send a redirect that leaves a message to an address the browser has not cached.

    Pages may be kept by the browser for ``HERALD_PAGE_MAX_AGE``: "Sign in" from a story, then
    back to it, would show the browser's own copy, and the message would wait for some later
    page. So the page after the action is asked for with ``?flash`` added, which the page cache
    drops from its key and views never see (it is not in ``HERALD_PAGE_CACHE_QUERY_PARAMS``);
    that answer shows the message privately and is never stored. Only paths on this origin that
    the page cache serves are marked (private areas are never cached by the browser). Outside
    the message middleware, which writes the cookie on the way out.
    """

    def middleware(request):
        response = get_response(request)
        location = response.get("Location", "")
        if (
            response.status_code in REDIRECTS
            and _message_waits(request, response)
            and location.startswith("/")
            and not location.startswith(("//", *settings.HERALD_PAGE_CACHE_SKIP_PATHS))
        ):
            response["Location"] = flash_marked(location)
        return response

    return middleware


def _message_waits(request, response) -> bool:
    """Whether a message will wait in the browser after ``response``: written now, or sent in
    and left alone (a redirect on the way, such as ``/accounts/profile/``)."""
    cookie = response.cookies.get(MESSAGES_COOKIE)
    if cookie is not None:
        return bool(cookie.value)
    return bool(request.COOKIES.get(MESSAGES_COOKIE))


def flash_marked(location: str) -> str:
    """``location`` with the ``flash`` marker in its query, before any ``#fragment``."""
    parts = urlsplit(location)
    names = [pair.split("=", 1)[0] for pair in parts.query.split("&") if pair]
    if FLASH_MARKER in names:
        return location
    query = f"{parts.query}&{FLASH_MARKER}" if parts.query else FLASH_MARKER
    return urlunsplit(parts._replace(query=query))
