"""The addresses a network sign-in passes through, and the return addresses it accepts."""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib import messages
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Site

from delivery.sites import absolute_url, request_absolute_url

from .sites import account_home, network_hosts, ticket_sites

CHAIN_KEY = "herald_network_chain"


def next_on_network(request, raw: str | None, *, default: str) -> str:
    """``raw`` as an absolute URL on one of the network's sites, else ``default``: a path is
    taken on the request's own site; another host, or any other scheme, is refused."""
    raw = (raw or "").strip()
    if not raw:
        return default
    if raw.startswith("/") and not raw.startswith("//"):
        raw = request_absolute_url(request, raw)
    allowed = url_has_allowed_host_and_scheme(
        raw, allowed_hosts=network_hosts(), require_https=request.is_secure()
    )
    return raw if allowed else default


def as_local(request, url: str) -> str:
    """``url`` as a path when it is on the request's own host (so a message's ``?flash``
    marker can be added to it), else as it is."""
    parts = urlsplit(url)
    if parts.netloc.lower() != request.get_host().lower():
        return url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _joining(join: bool) -> dict:
    return {"join": "1"} if join else {}


def begin_url(site, next_url: str, *, join: bool = False) -> str:
    return _address(site, "accounts:network_begin", {"next": next_url, **_joining(join)})


def authorize_url(home, *, site, state: str, next_url: str, join: bool = False) -> str:
    query = {"site": site.pk, "state": state, "next": next_url, **_joining(join)}
    return _address(home, "accounts:network_authorize", query)


def _address(site, name: str, query: dict) -> str:
    return absolute_url(site, f"{reverse(name)}?{urlencode(query)}")


def redeem_url(site, ticket: str) -> str:
    return _address(site, "accounts:network_redeem", {"ticket": ticket})


def chain_url(home, next_url: str) -> str:
    return _address(home, "accounts:network_chain", {"next": next_url})


def _authorized_site_pk(location: str):
    """The site an authorize address in ``location`` is for (the sign-in that began there ends
    with its own ticket, so the chain need not visit it)."""
    parts = urlsplit(location)
    if parts.path != reverse("accounts:network_authorize"):
        return None
    value = parse_qs(parts.query).get("site", [""])[0]
    return int(value) if value.isdigit() else None


def chain_start(request, location: str) -> str:
    """Right after signing in at the account home: where to go so that every other site signs
    the member in too, then ``location``. Elsewhere, or with no other site, ``location``."""
    home = account_home()
    here = Site.find_for_request(request)
    if home is None or here is None or here.pk != home.pk:
        return location
    skip = _authorized_site_pk(location)
    pending = [site.pk for site in ticket_sites(home) if site.pk != skip]
    if not pending:
        return location
    request.session[CHAIN_KEY] = pending
    return chain_url(home, location)


def notices_take(request) -> list[dict]:
    """The messages waiting for this browser at the home, to show on the site it goes to."""
    return [
        {"level": message.level, "text": str(message), "tags": message.extra_tags or ""}
        for message in messages.get_messages(request)
    ]


def notices_give(request, notices) -> None:
    for notice in notices or ():
        if isinstance(notice, dict) and isinstance(notice.get("text"), str):
            messages.add_message(
                request,
                int(notice.get("level") or messages.INFO),
                notice["text"],
                extra_tags=str(notice.get("tags") or ""),
            )
