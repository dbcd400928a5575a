import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from health.outages import outage_over, outage_report

from .models import EmailPreference, Notification

logger = logging.getLogger(__name__)


def notify(member, text: str, url: str = "", *, always_email: bool = False):
    """Tell ``member`` on the site, and by e-mail (after the commit) if they opted in, or
    always for ``always_email`` news they are waiting for (a decision on their contribution).

    ``url`` should be absolute (the thing may live on another site of the network).
    """
    if member is None or not member.is_active:
        return None
    notification = Notification.objects.create(member=member, text=text[:300], url=url)
    if always_email or EmailPreference.objects.filter(member=member, enabled=True).exists():
        transaction.on_commit(lambda: _mail(member.email, text, url))
    return notification


def _mail(address, text, url):
    link = f"\n\n{url}" if url.startswith("http") else ""
    try:
        send_mail(
            subject=" ".join(text.split())[:120],
            message=f"{text}{link}\n\nYou get these e-mails because you asked for them; turn "
            "them off under Notifications in your account.",
            from_email=None,
            recipient_list=[address],
        )
    except (OSError, ValueError) as exc:  # an unreachable server, or a header it refused
        outage_report(
            "The mail server",
            f"a notification e-mail was not sent ({type(exc).__name__}: {exc})",
            "Members still see their notices on the site. Check EMAIL_URL / EMAIL_HOST and "
            "that the server accepts mail from this machine.",
        )
    else:
        outage_over("The mail server")


def unread_count(member) -> int:
    return Notification.objects.filter(member=member, read_at__isnull=True).count()


def mark_all_read(member):
    Notification.objects.filter(member=member, read_at__isnull=True).update(read_at=timezone.now())


def email_set(member, enabled: bool):
    EmailPreference.objects.update_or_create(member=member, defaults={"enabled": enabled})


def email_enabled(member) -> bool:
    return EmailPreference.objects.filter(member=member, enabled=True).exists()


def member_export(member):
    return [
        {"text": n.text, "url": n.url, "created_at": n.created_at.isoformat()}
        for n in Notification.objects.filter(member=member)[:1000]
    ]
