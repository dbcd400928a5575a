import json

from allauth.account.decorators import reauthentication_required
from allauth.account.views import LoginView, LogoutView, SignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Site

from delivery.cache import cache_publicly
from delivery.sites import absolute_url, request_absolute_url
from ratelimits.answers import too_many_requests

from . import selectors, services
from .extensions import profile_sections
from .forms import AccountDeleteForm, ProfileCreateForm, ProfileEditForm
from .keys import member_keys
from .network import flow as network_flow
from .network.sessions import group_sessions_end, session_group
from .network.sites import needs_ticket
from .signin_hint import clear_signin_hint


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@login_required
def profile_create(request):
    """Create profile: choose the username (once, for good) and a display name."""
    member = request.user
    if member.has_profile:
        return redirect(_safe_next(request, member.get_absolute_url()))
    form = ProfileCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_create(
                member=member,
                username=form.cleaned_data["username"],
                display_name=form.cleaned_data["display_name"],
            )
        except ValidationError as error:
            form.add_error("username", error)
        else:
            messages.success(request, f"Welcome, {member.public_name}! Your profile is ready.")
            return redirect(_safe_next(request, member.get_absolute_url()))
    return render(
        request, "accounts/profile_create.html", {"form": form, "next": _safe_next(request, "")}
    )


@never_cache
@login_required
def account_home(request):
    """Where sign-in lands by default: the profile, or Create profile when there is none."""
    if not request.user.has_profile:
        return redirect("accounts:profile_create")
    return redirect(request.user.get_absolute_url())


@never_cache
@login_required
def profile_edit(request):
    member = request.user
    if not member.has_profile:
        return redirect("accounts:profile_create")
    initial = {"display_name": member.display_name, "bio": member.bio}
    form = ProfileEditForm(
        request.POST or None, request.FILES or None, initial=initial, member=member
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            member=member,
            display_name=form.cleaned_data["display_name"],
            bio=form.cleaned_data["bio"],
            avatar=form.cleaned_data["avatar"],
            remove_avatar=form.cleaned_data["remove_avatar"],
        )
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile_edit")
    response = render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "member": member},
    )
    if form.retry_after:
        return too_many_requests(response, form.retry_after)
    return response


@require_safe
def profile_page(request, username):
    """A member's public profile: the same path on every site, one canonical address."""
    member = selectors.member_by_username(username)
    if member is None:
        raise Http404("No such member")
    if member.username != username:
        return redirect(member.get_absolute_url(), permanent=True)
    default_site = Site.objects.filter(is_default_site=True).first()
    canonical = (
        absolute_url(default_site, member.get_absolute_url())
        if default_site
        else member.get_absolute_url()
    )
    response = render(
        request,
        "accounts/profile_page.html",
        {
            "member": member,
            "suspension": selectors.suspension_active(member),
            "canonical_url": canonical,
            "card": {
                "title": f"{member.public_name} (@{member.username})",
                "type": "profile",
                "url": canonical,
                "description": member.bio or f"{member.public_name}'s profile and contributions.",
            },
            "sections": profile_sections(member),
        },
    )
    return cache_publicly(response, keys=member_keys(member))


@never_cache
@login_required
def account_data(request):
    return render(
        request,
        "accounts/account_data.html",
        {"member": request.user, "suspension": selectors.suspension_active(request.user)},
    )


@never_cache
@login_required
def account_export(request):
    data = services.member_export(member=request.user)
    name = request.user.username or f"member-{request.user.pk}"
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="herald-{name}-{stamp}.json"'
    return response


@never_cache
@login_required
@reauthentication_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = request.user
        logout(request)
        services.member_delete(member=member, mode=form.cleaned_data["contributions"])
        response = clear_signin_hint(render(request, "accounts/account_deleted.html"))
        # Pages are public and browsers keep them for HERALD_PAGE_MAX_AGE: the member's own
        # browser drops its copies (their profile, their stories) rather than show them again.
        response["Clear-Site-Data"] = '"cache"'
        return response
    return render(request, "accounts/account_delete.html", {"form": form})


@never_cache
def user_menu(request):
    """The header's personal part, fetched by a small script so pages stay cacheable."""
    response = render(request, "accounts/includes/user_menu.html", {"member": request.user})
    if not request.user.is_authenticated:
        clear_signin_hint(response)  # signed out: the script stops asking
    return response


class NetworkSignInMixin:
    """On a site that shares the account home's sign-in by ticket, signing in and joining
    happen at the home (docs/accounts.md, "One sign-in across the network")."""

    joining = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and needs_ticket(Site.find_for_request(request)):
            next_url = network_flow.next_on_network(
                request, request.GET.get("next"), default=request_absolute_url(request, "/")
            )
            site = Site.find_for_request(request)
            return redirect(network_flow.begin_url(site, next_url, join=self.joining))
        return super().dispatch(request, *args, **kwargs)


class SignInView(NetworkSignInMixin, LoginView):
    pass


class JoinView(NetworkSignInMixin, SignupView):
    joining = True


class SignOutView(LogoutView):
    """allauth's sign-out, which also ends this browser's sessions on every other site of the
    network and drops the sign-in hint, so the next pages ask for no user menu."""

    def dispatch(self, request, *args, **kwargs):
        group = session_group(request) if request.method == "POST" else None
        response = super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated:
            group_sessions_end(group)
            clear_signin_hint(response)
        return response
