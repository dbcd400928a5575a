from django.utils import timezone

from .models import EmailPreference, Notification, OutboundMail


def notify(member, text: str, url: str = "", *, always_email: bool = False):
    """Tell ``member`` on the site, and by e-mail if they opted in, or always for
    ``always_email`` news they are waiting for (a decision on their contribution).

    ``url`` should be absolute (the thing may live on another site of the network).
    """
    if member is None or not member.is_active:
        return None
    notification = Notification.objects.create(member=member, text=text[:300], url=url)
    if always_email or EmailPreference.objects.filter(member=member, enabled=True).exists():
        link = f"\n\n{url}" if url.startswith("http") else ""
        mail_queue(
            to=member.email,
            subject=" ".join(text.split())[:120],
            body=f"{text}{link}\n\nYou get these e-mails because you asked for them; turn "
            "them off under Notifications in your account.",
        )
    return notification


def mail_queue(
    *, to: str, subject: str, body: str, html: str = "", from_email: str = "", at_once=False
):
    """The one way Herald sends e-mail: a row, and a task that sends it after the commit.

    A slow or missing mail server then slows no request, and a process that dies after the
    commit loses no mail (the task is retried until the server takes it). ``at_once`` is for
    callers that hold no transaction of their own (allauth's views): the task is enqueued now,
    which with the database backend is the same thing, and with another backend runs it now.
    """
    from worker.services import task_enqueue

    from .tasks import mail_send

    mail = OutboundMail.objects.create(
        to=to, subject=subject[:255], body=body, html=html, from_email=from_email
    )
    if at_once:
        mail_send.enqueue(mail.pk)
    else:
        task_enqueue(mail_send, mail.pk)
    return mail


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
