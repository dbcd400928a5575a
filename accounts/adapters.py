from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.models import Site

from delivery.sites import absolute_url, site_root_url
from notifications.services import mail_queue

from . import selectors, services
from .network.flow import chain_start


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Sign mails with the name of the site the member is using ("Herald Sport"), and put
        its links on the site's canonical root: allauth builds them on the request's host."""
        request = allauth_context.request
        site = Site.find_for_request(request) if request is not None else None
        if site is not None:
            context = {
                key: _on_canonical_root(value, request, site) for key, value in context.items()
            }
            context["current_site"] = SimpleNamespace(
                name=site.site_name or site.hostname,
                domain=site_root_url(site).split("://", 1)[-1],
            )
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (c for c, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
        )
        for address in message.to:
            # Sent by the task worker, not inside the member's request (notifications/tasks.py).
            mail_queue(
                to=address,
                subject=message.subject,
                body=message.body,
                html=html,
                from_email=message.from_email or "",
                at_once=True,
            )

    def get_client_ip(self, request):
        """The reader's address behind HERALD_NUM_PROXIES proxies, for allauth's rate limits.

        allauth raises ImproperlyConfigured when X-Forwarded-For has fewer hops than that (a
        request that reached the app without passing the proxies): use the peer's address then,
        rather than answer 500.
        """
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR", "")

    def confirm_email(self, request, email_address):
        """The mailbox's owner followed the confirmation link (not an admin marking it)."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            services.member_email_proven(
                member=email_address.user, email=email_address.email, request=request
            )
        return confirmed

    def post_login(self, request, user, **kwargs):
        """Send a member who has no username yet to "Create profile", then where they were going;
        at the account home, by way of every other site of the network."""
        response = super().post_login(request, user, **kwargs)
        if not user.has_profile and response.has_header("Location"):
            target = response["Location"]
            query = urlencode({"next": target}) if target and target != "/" else ""
            response["Location"] = reverse("accounts:profile_create") + (
                f"?{query}" if query else ""
            )
        if response.has_header("Location"):
            # Signed in at the account home: the other sites of the network sign in too.
            response["Location"] = chain_start(request, response["Location"])
        return response


def _on_canonical_root(value, request, site):
    """A link allauth built on the request's host (an alias, say), moved to the site's root."""
    if not isinstance(value, str) or "://" not in value:
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.get_host().lower():
        return value
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    url = absolute_url(site, path) + (f"#{parts.fragment}" if parts.fragment else "")
    if parts.scheme == "https" and url.startswith("http://"):
        # HERALD_HTTP_PROTOCOL=https (allauth forced it) for a site whose Site has port 80.
        url = "https://" + url.removeprefix("http://")
    return url


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """allauth's safe defaults: a social login never takes over an existing account because the
    e-mail matches unless both sides have verified it (SOCIALACCOUNT_EMAIL_AUTHENTICATION stays
    off, so the member signs in with their password and connects the provider instead).

    Should an operator turn e-mail authentication on (globally or with a provider's
    ``email_authentication`` app setting), a provider's verified address that signs someone in
    to an account where that address is not verified counts as the mailbox's owner proving it.
    """

    def authenticate_by_email(self, sociallogin):
        found = super().authenticate_by_email(sociallogin)
        sociallogin.herald_email_authenticated = found
        return found

    def pre_social_login(self, request, sociallogin):
        found = getattr(sociallogin, "herald_email_authenticated", None)
        if found and not sociallogin.account.pk:
            member, email = found
            if not selectors.member_email_verified(member, email):
                services.member_email_proven(member=member, email=email, request=request)
