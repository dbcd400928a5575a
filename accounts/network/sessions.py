"""Where a member is signed in: one ``SiteSession`` row per site and browser.

Rows are written when a session signs in (Django's ``user_logged_in``, however it happened),
kept in step with the session key (which a password change rotates) and with when the member
was last seen, by private requests only: pages from the cache never reach Django.
"""

import re
import time
import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import DisallowedHost
from django.utils import timezone
from wagtail.models import Site

from ..models import SiteSession

GROUP_KEY = "herald_network_group"
ROW_KEY = "herald_site_session"
SEEN_KEY = "herald_seen"  # [session key, unix time] when the row was last brought up to date


def _store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def device_name(user_agent: str) -> str:
    """ "Firefox on Windows": enough for a member to tell their browsers apart. (Written here:
    a user-agent parsing library carries thousands of patterns for this one line.)"""
    ua = user_agent or ""
    browsers = (
        ("Edge", r"Edg(e|A|iOS)?/"),
        ("Opera", r"OPR/|Opera"),
        ("Firefox", r"Firefox/|FxiOS/"),
        ("Chrome", r"Chrome/|CriOS/|Chromium/"),
        ("Safari", r"Safari/"),
    )
    systems = (
        ("iPhone", r"iPhone"),
        ("iPad", r"iPad"),
        ("Android", r"Android"),
        ("Windows", r"Windows"),
        ("macOS", r"Mac OS X|Macintosh"),
        ("ChromeOS", r"CrOS"),
        ("Linux", r"Linux"),
    )
    browser = next((name for name, pattern in browsers if re.search(pattern, ua)), "")
    system = next((name for name, pattern in systems if re.search(pattern, ua)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown browser"


def site_session_record(sender, request, user, **kwargs):
    """Receiver of Django's ``user_logged_in``: note the new session, in the browser's group
    (a ticket brings the group of the home's session; any other sign-in starts one)."""
    session = getattr(request, "session", None)
    if session is None or not isinstance(user, get_user_model()):
        return
    if session.session_key is None:
        session.save()
    group = getattr(request, "herald_network_group", None) or uuid.uuid4().hex
    site = getattr(request, "_wagtail_site", None) or _site_of(request)
    row = SiteSession.objects.create(
        member=user,
        site=site,
        session_key=session.session_key,
        group=group,
        device=device_name(request.META.get("HTTP_USER_AGENT", ""))[:100],
    )
    session[GROUP_KEY] = group
    session[ROW_KEY] = row.pk
    session[SEEN_KEY] = [session.session_key, time.time()]


def _site_of(request):
    if not ({"HTTP_HOST", "SERVER_NAME"} & request.META.keys()):
        return None  # a request made up in code (a test client's force_login)
    try:
        return Site.find_for_request(request)
    except DisallowedHost:
        return None


def session_group(request) -> str | None:
    session = getattr(request, "session", None)
    return session.get(GROUP_KEY) if session is not None else None


def site_session_seen(request) -> None:
    """After a private response: bring this session's row up to date if its key changed or it
    was last noted more than ``HERALD_SESSION_SEEN_SECONDS`` ago. Reads nothing the response
    did not already read, so a page that never opened the session stays cacheable."""
    session = getattr(request, "session", None)
    if session is None or not session.accessed or session.is_empty():
        return
    row_pk = session.get(ROW_KEY)
    if row_pk is None or session.session_key is None:
        return
    noted_key, noted_at = (session.get(SEEN_KEY) or [None, 0])[:2]
    fresh = time.time() - float(noted_at or 0) < settings.HERALD_SESSION_SEEN_SECONDS
    if noted_key == session.session_key and fresh:
        return
    SiteSession.objects.filter(pk=row_pk).update(
        session_key=session.session_key, last_seen_at=timezone.now()
    )
    session[SEEN_KEY] = [session.session_key, time.time()]


def sessions_listed(member) -> list[SiteSession]:
    """The member's live sessions, newest first; rows whose session ended are dropped."""
    rows = list(SiteSession.objects.filter(member=member).select_related("site"))
    live = _live_keys([row.session_key for row in rows])
    gone = [row.pk for row in rows if row.session_key not in live]
    if gone:
        SiteSession.objects.filter(pk__in=gone).delete()
    return [row for row in rows if row.session_key in live]


def _live_keys(keys) -> set[str]:
    store = _store_class()
    if hasattr(store, "get_model_class"):
        return set(
            store.get_model_class()
            .objects.filter(session_key__in=keys, expire_date__gt=timezone.now())
            .values_list("session_key", flat=True)
        )
    return {key for key in keys if store().exists(key)}


def _end(rows) -> int:
    store = _store_class()
    ended = 0
    for row in rows:
        store(session_key=row.session_key).delete()
        ended += 1
    SiteSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return ended


def group_sessions_end(group: str | None, *, keep_session_key=None) -> int:
    """End the sessions this browser holds on every site (signing out anywhere)."""
    if not group:
        return 0
    rows = SiteSession.objects.filter(group=group)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    return _end(list(rows))


def site_session_end(*, member, pk: int) -> SiteSession | None:
    """End one of ``member``'s sessions (Account → Sessions); None when it is not theirs."""
    row = SiteSession.objects.filter(member=member, pk=pk).first()
    if row is not None:
        _end([row])
    return row


def session_group_start(request) -> str:
    """A group (and a row) for a session signed in before the network sign-in kept them."""
    site_session_record(None, request, request.user)
    return request.session[GROUP_KEY]


def member_sessions_end_others(request) -> int:
    """End every session of the signed-in member but this one, on every site."""
    rows = SiteSession.objects.filter(member=request.user).exclude(
        session_key=request.session.session_key
    )
    return _end(list(rows))


def member_site_sessions_end(member, *, keep_session_key=None) -> int:
    """End every session ``member`` is signed in with, on every site (a password change,
    the account's deletion)."""
    rows = SiteSession.objects.filter(member=member)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    return _end(list(rows))
