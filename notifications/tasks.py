"""Mail leaves Herald here, in the task worker, never inside a request."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

from health.faults import fault_point
from health.outages import outage_over, outage_report

from .models import OutboundMail

MAIL_SERVER = "The mail server"


# Ahead of the search index's and Wagtail's bookkeeping: a member is waiting for this mail.
@task(priority=50)
def mail_send(mail_id: int) -> str:
    """Send one queued e-mail, once. Raises when the server refuses, so the worker tries again
    later (docs/operating.md, "Background tasks")."""
    mail = OutboundMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return "gone"  # its member deleted their account before it left
    if mail.sent_at is not None:
        return "sent already"  # a second delivery of the same task
    fault_point("mail-before-send")
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body, from_email=mail.from_email or None, to=[mail.to]
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except (OSError, ValueError) as exc:  # an unreachable server, or a header it refused
        outage_report(
            MAIL_SERVER,
            f"an e-mail was not sent and will be tried again ({type(exc).__name__}: {exc})",
            "Members still see their notices on the site. Check EMAIL_URL / EMAIL_HOST and "
            "that the server accepts mail from this machine.",
        )
        raise
    outage_over(MAIL_SERVER)
    fault_point("mail-after-send")  # sent, not yet recorded: the at-least-once moment
    OutboundMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now())
    fault_point("mail-after-record")
    return "sent"
