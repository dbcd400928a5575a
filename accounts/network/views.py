"""The network sign-in's steps (``accounts.network``) and Account → Sessions."""

import logging
import re
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from delivery.sites import request_absolute_url

from ..signin_hint import set_signin_hint
from . import flow, sessions, tickets
from .sites import account_home, needs_ticket

logger = logging.getLogger(__name__)

STATE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _unsent_referrer(response):
    # These addresses carry a ticket or a state: never in a Referer, on or off the network.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _refused(request, reason: str, *, status=400):
    logger.warning("Network sign-in refused on %s: %s", request.get_host(), reason)
    response = render(
        request,
        "accounts/network_refused.html",
        {"reason": reason, "sign_in_url": reverse("account_login")},
        status=status,
    )
    return _unsent_referrer(response)


@never_cache
@require_safe
def begin(request):
    """On a site that signs in by ticket: remember a state here, ask the account home."""
    site = Site.find_for_request(request)
    next_url = flow.next_on_network(
        request, request.GET.get("next"), default=request_absolute_url(request, "/")
    )
    join = request.GET.get("join") == "1"
    home = account_home()
    if home is None or not needs_ticket(site):
        target = "account_signup" if join else "account_login"
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
    state = tickets.state_new()
    response = HttpResponseRedirect(
        flow.authorize_url(home, site=site, state=state, next_url=next_url, join=join)
    )
    tickets.states_store(response, [*tickets.states_in_cookie(request), state])
    return _unsent_referrer(response)


@never_cache
@require_safe
def authorize(request):
    """At the account home: hand the asking site a ticket for the member signed in here, or
    have them sign in (or join) first and come back."""
    home = account_home()
    here = Site.find_for_request(request)
    if home is None or here is None or here.pk != home.pk:
        return _refused(request, "Sign-in links are handed out by the network's account home.")
    raw_site = request.GET.get("site", "")
    site = Site.objects.filter(pk=int(raw_site)).first() if raw_site.isdigit() else None
    if site is None or not needs_ticket(site):
        return _refused(request, "That is not a site of this network.")
    state = request.GET.get("state", "")
    if not STATE_PATTERN.match(state):
        return _refused(request, "This sign-in link is incomplete. Please sign in again.")
    next_url = flow.next_on_network(request, request.GET.get("next"), default="")
    if not next_url:
        return _refused(request, "This sign-in link returns to an address off the network.")
    if not request.user.is_authenticated:
        target = "account_signup" if request.GET.get("join") == "1" else "account_login"
        back_here = urlencode({"next": request.get_full_path()})
        return _unsent_referrer(redirect(f"{reverse(target)}?{back_here}"))
    group = sessions.session_group(request) or sessions.session_group_start(request)
    # Messages of the sign-in go with the member when this is where they are going.
    ends_there = urlsplit(next_url).netloc.lower() == urlsplit(site.root_url).netloc.lower()
    ticket = tickets.ticket_issue(
        member=request.user,
        site=site,
        state=state,
        next_url=next_url,
        group=group,
        notices=flow.notices_take(request) if ends_there else (),
    )
    return _unsent_referrer(HttpResponseRedirect(flow.redeem_url(site, ticket)))


@never_cache
@require_safe
def redeem(request):
    """On the asking site: check the ticket, sign the member in here, go where they were."""
    site = Site.find_for_request(request)
    states = tickets.states_in_cookie(request)
    try:
        redeemed = tickets.ticket_redeem(
            ticket=request.GET.get("ticket", ""), site=site, browser_states=states
        )
    except tickets.TicketRefused as refusal:
        return _refused(request, str(refusal))
    member = redeemed.member
    if not (request.user.is_authenticated and request.user.pk == member.pk):
        request.herald_network_group = redeemed.group
        login(request, member, backend=BACKEND)
    flow.notices_give(request, redeemed.notices)
    next_url = flow.next_on_network(
        request, redeemed.next_url, default=request_absolute_url(request, "/")
    )
    response = HttpResponseRedirect(flow.as_local(request, next_url))
    tickets.states_store(response, [s for s in states if s != redeemed.state])
    set_signin_hint(None, request, response)
    return _unsent_referrer(response)


@never_cache
@login_required
@require_safe
def chain(request):
    """At the account home, right after signing in: on to the next site to sign in, then to
    where the member was going."""
    home = account_home()
    final = flow.next_on_network(request, request.GET.get("next"), default="/")
    pending = list(request.session.get(flow.CHAIN_KEY) or [])
    while pending:
        site = Site.objects.filter(pk=pending.pop(0)).first()
        request.session[flow.CHAIN_KEY] = pending
        if site is not None and home is not None:
            return redirect(flow.begin_url(site, flow.chain_url(home, final)))
    request.session.pop(flow.CHAIN_KEY, None)
    return redirect(flow.as_local(request, final))


@never_cache
@login_required
def session_list(request):
    return render(
        request,
        "accounts/sessions.html",
        {
            "rows": sessions.sessions_listed(request.user),
            "current_key": request.session.session_key,
        },
    )


@never_cache
@login_required
@require_POST
def session_end(request, pk):
    row = sessions.site_session_end(member=request.user, pk=pk)
    if row is None:
        raise Http404("No such session")
    where = f"{row.site.site_name if row.site else 'a removed site'} ({row.device})"
    if row.session_key == request.session.session_key:
        group = sessions.session_group(request)
        logout(request)  # signing out here, as anywhere, signs this browser out everywhere
        sessions.group_sessions_end(group)
        return redirect("/")
    messages.success(request, f"Signed out on {where}.")
    return redirect("accounts:sessions")


@never_cache
@login_required
@require_POST
def sessions_end_others(request):
    ended = sessions.member_sessions_end_others(request)
    noun = "session" if ended == 1 else "sessions"
    messages.success(request, f"Signed out of {ended} other {noun}.")
    return redirect("accounts:sessions")
