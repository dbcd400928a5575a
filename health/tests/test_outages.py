"""A service that stays down is reported once, with what to do, not once per attempt."""

import logging

import httpx
import pytest

from delivery import purge
from external.testing import http_answers
from health.outages import outages_forget


@pytest.fixture(autouse=True)
def no_outage_known():
    outages_forget()
    yield
    outages_forget()


def _warnings(caplog):
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_varnish_that_is_not_running_is_reported_once_then_once_when_back(
    caplog, monkeypatch, settings
):
    settings.HERALD_VARNISH_URLS = ["http://127.0.0.1:1/"]

    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    caplog.set_level(logging.DEBUG)
    with http_answers(refused):
        for _ in range(200):
            purge.varnish_purge("http://127.0.0.1:1/", ["page-1"])
    warnings = _warnings(caplog)
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "Varnish at http://127.0.0.1:1/ is unreachable" in message
    assert "HERALD_VARNISH_URLS" in message  # what to do
    assert warnings[0].exc_info is None  # no traceback

    caplog.clear()
    with http_answers(lambda request: httpx.Response(200)):
        for _ in range(3):
            purge.varnish_purge("http://127.0.0.1:1/", ["page-1"])
    assert [r.getMessage() for r in _warnings(caplog)] == [
        "Varnish at http://127.0.0.1:1/ answers again."
    ]


def test_a_long_outage_is_repeated_at_most_every_so_often(caplog, monkeypatch, settings):
    from health import outages

    settings.HERALD_OUTAGE_REPEAT_SECONDS = 300
    now = [1000.0]
    monkeypatch.setattr(outages.time, "monotonic", lambda: now[0])
    for step in range(20):  # one failure a minute for twenty minutes
        now[0] = 1000.0 + 60 * step
        outages.outage_report("The mail server", "refused", "Check EMAIL_URL.")
    messages = [r.getMessage() for r in _warnings(caplog)]
    assert len(messages) == 4  # minutes 0, 5, 10 and 15
    assert "(still)" in messages[1]


@pytest.mark.django_db
def test_a_missing_mail_server_is_one_line_without_a_traceback(caplog, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    from notifications.models import OutboundMail
    from notifications.tasks import mail_send

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refused)
    for number in range(30):
        mail = OutboundMail.objects.create(
            to="member@example.com", subject=f"Story {number}", body="Published."
        )
        with pytest.raises(ConnectionRefusedError):  # the worker tries it again later
            mail_send.call(mail.pk)
    warnings = _warnings(caplog)
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "The mail server is unreachable" in warnings[0].getMessage()
    assert "EMAIL_URL" in warnings[0].getMessage()
    assert not OutboundMail.objects.filter(to="member@example.com", sent_at__isnull=False).exists()
