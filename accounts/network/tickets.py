"""Tickets: how the account home vouches for a member to another site of the network.

The site that wants the member signed in sets a random state in a first-party cookie and sends
the browser to the home with it. The home issues a ticket: a random secret, signed with the
site it is for and a timestamp, whose hash, member, state hash and return address are stored.
The site redeems it once: the signature and age, the site, the stored row, its single use and
the state in this browser's own cookie must all agree; anything else signs nobody in and says
why. So a ticket is no use on another site, nor after a minute, nor twice, nor in a browser
that did not ask for it (nobody can be signed in to somebody else's account).
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from ..models import NetworkTicket

STATE_COOKIE = "herald_network_state"
STATE_COOKIE_PATH = "/accounts/network/"
STATES_KEPT = 4  # sign-ins started in several tabs at once each keep their own state
STATE_SECONDS = 3600  # joining can take a while: the mailbox, Create profile
TICKET_SALT = "herald.network.ticket"


class TicketRefused(Exception):
    """A ticket that signs nobody in; ``str()`` says why, for the member."""


REFUSALS = {
    "tampered": "This sign-in link was not made by this network, so it was refused.",
    "expired": "This sign-in link has expired (they last a minute). Please sign in again.",
    "other_site": "This sign-in link was made for another site, so it was refused.",
    "unknown": "This sign-in link is not valid. Please sign in again.",
    "used": "This sign-in link has already been used. Please sign in again.",
    "state": (
        "This sign-in was not started in this browser, so it was refused: nobody can sign you "
        "in to an account that is not yours. Please sign in again."
    ),
    "inactive": "This account cannot sign in.",
}


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def state_new() -> str:
    return secrets.token_urlsafe(24)


def states_in_cookie(request) -> list[str]:
    raw = request.COOKIES.get(STATE_COOKIE, "")
    try:
        value = signing.loads(raw, salt=STATE_COOKIE, max_age=STATE_SECONDS) if raw else []
    except signing.BadSignature:
        return []
    return [s for s in value if isinstance(s, str)] if isinstance(value, list) else []


def states_store(response, states: list[str]) -> None:
    if not states:
        response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH)
        return
    response.set_cookie(
        STATE_COOKIE,
        signing.dumps(states[-STATES_KEPT:], salt=STATE_COOKIE),
        max_age=STATE_SECONDS,
        path=STATE_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",  # sent on the top-level navigation back from the home
    )


def ticket_issue(*, member, site, state: str, next_url: str, group: str, notices=()) -> str:
    """Store a ticket for ``member`` to sign in on ``site``; return what goes in the URL."""
    now = timezone.now()
    NetworkTicket.objects.filter(expires_at__lt=now - timedelta(hours=1)).delete()
    secret = secrets.token_urlsafe(32)
    NetworkTicket.objects.create(
        secret_hash=_digest(secret),
        member=member,
        site=site,
        state_hash=_digest(state),
        next_url=next_url,
        group=group,
        notices=list(notices),
        expires_at=now + timedelta(seconds=settings.HERALD_NETWORK_TICKET_SECONDS),
    )
    return signing.dumps({"secret": secret, "site": site.pk}, salt=TICKET_SALT, compress=False)


@dataclass
class Redeemed:
    member: object
    next_url: str
    group: str
    notices: list
    state: str


def ticket_redeem(*, ticket: str, site, browser_states: list[str]) -> Redeemed:
    """Use ``ticket`` on ``site`` in a browser holding ``browser_states``, once. Raises
    TicketRefused with the reason."""
    try:
        payload = signing.loads(
            ticket, salt=TICKET_SALT, max_age=settings.HERALD_NETWORK_TICKET_SECONDS
        )
    except signing.SignatureExpired:
        raise TicketRefused(REFUSALS["expired"]) from None
    except signing.BadSignature:
        raise TicketRefused(REFUSALS["tampered"]) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("secret"), str):
        raise TicketRefused(REFUSALS["tampered"])
    if site is None or payload.get("site") != site.pk:
        raise TicketRefused(REFUSALS["other_site"])
    with transaction.atomic():
        row = (
            NetworkTicket.objects.select_related("member")
            .filter(secret_hash=_digest(payload["secret"]), site=site)
            .first()
        )
        if row is None:
            raise TicketRefused(REFUSALS["unknown"])
        # Single use, even when two requests race: only one update finds it unused.
        used = NetworkTicket.objects.filter(pk=row.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not used:
            raise TicketRefused(REFUSALS["used"])
    if row.expires_at <= timezone.now():
        raise TicketRefused(REFUSALS["expired"])
    state = next(
        (s for s in browser_states if hmac.compare_digest(_digest(s), row.state_hash)), None
    )
    if state is None:
        raise TicketRefused(REFUSALS["state"])
    if not row.member.is_active:
        raise TicketRefused(REFUSALS["inactive"])
    return Redeemed(
        member=row.member,
        next_url=row.next_url,
        group=row.group,
        notices=row.notices,
        state=state,
    )
