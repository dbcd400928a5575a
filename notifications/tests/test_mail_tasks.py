"""E-mail leaves from a task: queued with the change, sent once, retried while refused."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings

from notifications.models import OutboundMail
from notifications.services import mail_queue, notify
from notifications.tasks import mail_send

pytestmark = pytest.mark.django_db


def test_a_notice_mail_is_queued_with_the_notice_and_sent_after_the_commit(
    make_member, django_capture_on_commit_callbacks
):
    member = make_member("ayanda")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(member, "Your story is published.", "http://localhost/mynews/x/", always_email=True)
    queued = OutboundMail.objects.get(to=member.email)
    assert queued.sent_at is None and mail.outbox == []  # nothing leaves inside the request
    for callback in callbacks:
        callback()
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Your story is published."]
    assert "http://localhost/mynews/x/" in mail.outbox[0].body


def test_a_task_delivered_twice_sends_the_mail_once():
    queued = OutboundMail.objects.create(to="twice@example.com", subject="Hello", body="Once.")
    assert mail_send.call(queued.pk) == "sent"
    assert mail_send.call(queued.pk) == "sent already"  # a worker died after sending
    assert len([m for m in mail.outbox if m.to == ["twice@example.com"]]) == 1


def test_a_refused_mail_stays_queued_for_the_next_attempt(monkeypatch):
    queued = OutboundMail.objects.create(to="later@example.com", subject="Hello", body="Later.")

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", refused)
        with pytest.raises(ConnectionRefusedError):
            mail_send.call(queued.pk)
    queued.refresh_from_db()
    assert queued.sent_at is None
    assert mail_send.call(queued.pk) == "sent"  # the server is back


def test_html_mail_keeps_its_html_part():
    queued = mail_queue(
        to="html@example.com", subject="Confirm", body="Plain", html="<p>Rich</p>", at_once=True
    )
    queued.refresh_from_db()
    sent = [m for m in mail.outbox if m.to == ["html@example.com"]][0]
    assert sent.alternatives[0][0] == "<p>Rich</p>" and queued.sent_at is not None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_the_mail_waits_for_a_worker():
    from django_tasks_db.models import DBTaskResult

    queued = mail_queue(to="worker@example.com", subject="Queued", body="For the worker.")
    row = DBTaskResult.objects.get(task_path="notifications.tasks.mail_send")
    assert row.args_kwargs["args"] == [queued.pk] and row.status == "READY"
    assert not [m for m in mail.outbox if m.to == ["worker@example.com"]]
