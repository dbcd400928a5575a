"""Members are told on the site, and by e-mail only when they opted in."""

import pytest
from django.core import mail
from django.test import Client

from notifications.models import Notification
from notifications.services import notify, unread_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("zola@example.com", "long-pass-phrase-1")


def test_on_site_by_default_and_by_email_after_opting_in(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, "Someone replied", "http://localhost/news/a/#comment-1")
    assert unread_count(member) == 1 and mail.outbox == []
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    client.post("/accounts/notifications/", {"email": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, "Your comment is featured", "http://localhost/news/a/#comment-2")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your comment is featured"
    assert "http://localhost/news/a/#comment-2" in mail.outbox[0].body


def test_the_notifications_page_lists_them_privately_and_marks_them_read(member):
    notify(member, "Your comment on “Rates” was approved.", "http://localhost/x/")
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    page = client.get("/accounts/notifications/")
    assert "no-store" in page["Cache-Control"]
    assert "Your comment on “Rates” was approved." in page.content.decode()
    client.post("/accounts/notifications/", {"read": "1"})
    assert not Notification.objects.filter(member=member, read_at__isnull=True).exists()
    assert Client().get("/accounts/notifications/", HTTP_HOST="localhost").status_code == 302
