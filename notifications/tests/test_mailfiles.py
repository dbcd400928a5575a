"""The demo's mail can be followed: the plain-text copy beside each written mail holds its links
whole (the ``.log`` is quoted-printable, which breaks long links with ``=``), and the console
names the account links (confirmation, password reset). The sign-up test follows the link
from the written file, as the README says."""

import logging
import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.core.mail import EmailMultiAlternatives

from notifications.mailfiles import EmailBackend

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
LONG_LINK = "http://localhost:8000/accounts/confirm-email/" + "MQ:1vQ" * 20 + "/"


@pytest.fixture
def mail_dir(settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "notifications.mailfiles.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    return tmp_path


def test_each_mail_gets_a_plain_text_copy_with_its_long_link_whole(mail_dir, caplog):
    message = EmailMultiAlternatives(
        subject="[Herald] Bevestig jou e-pos — asseblief",
        body=f"Hallo Lindiwé,\n\nFollow {LONG_LINK} to confirm.\n",
        to=["lindiwe@example.com"],
    )
    message.attach_alternative(f'<a href="{LONG_LINK}">confirm</a>', "text/html")
    with caplog.at_level(logging.INFO, logger="notifications.mailfiles"):
        message.send()

    (written,) = mail_dir.glob("*.log")
    assert LONG_LINK not in written.read_text()  # as sent: quoted-printable, the link broken
    (copy,) = mail_dir.glob("*.txt")
    raw = copy.read_bytes()
    assert "Hallo Lindiwé".encode() in raw  # 8-bit UTF-8, not =C3=A9
    text = raw.decode()
    assert "Subject: [Herald] Bevestig jou e-pos — asseblief" in text
    assert "To: lindiwe@example.com" in text
    assert text.rstrip().endswith(f"Links in this mail:\n{LONG_LINK}")
    assert "=\n" not in text
    logged = caplog.text
    assert "lindiwe@example.com" in logged and str(copy) in logged
    assert f"    {LONG_LINK}\n" in logged + "\n"


def test_notices_are_written_but_not_logged_and_copies_never_overwrite_each_other(
    mail_dir, caplog, monkeypatch
):
    # Backends made in the same second may get the same .log name (Django names it by id()).
    same_name = str(mail_dir / "20261201-120000-1.log")
    monkeypatch.setattr(EmailBackend, "_get_filename", lambda backend: same_name)
    with caplog.at_level(logging.INFO, logger="notifications.mailfiles"):
        for number in range(3):
            EmailMultiAlternatives(
                subject=f"Your story {number} is published",
                body=f"Read it at http://localhost:8000/mynews/story-{number}/\n",
                to=["thandi@example.org"],
            ).send()
    copies = sorted(path.read_text() for path in mail_dir.glob("*.txt"))
    assert len(copies) == 3
    assert all(f"mynews/story-{n}/" in copies[n] for n in range(3))
    assert "Mail to" not in caplog.text  # the console stays quiet for notices


def test_sign_up_confirmation_link_is_followed_from_the_written_file(client, mail_dir):
    signed_up = client.post(
        "/accounts/signup/",
        {
            "email": "thabo@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
        **NEWS,
    )
    assert signed_up.status_code == 302

    (copy,) = mail_dir.glob("*.txt")
    text = copy.read_text(encoding="utf-8")
    assert "To: thabo@example.com" in text
    link = re.search(r"^(http://localhost\S*/accounts/confirm-email/\S+/)$", text, re.M).group(1)
    path = link.removeprefix("http://localhost")
    page = client.get(path, **NEWS)
    assert page.status_code == 200
    assert "thabo@example.com" in page.content.decode()
    confirmed = client.post(path, **NEWS)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="thabo@example.com").verified


def _mailer(settings_module):
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL_")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="test-only-" + "x" * 50,
        ALLOWED_HOSTS="news.example.org",
    )
    script = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    out = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def test_the_demo_writes_followable_files_and_production_without_email_host_uses_smtp():
    assert _mailer("herald.settings.demo") == "notifications.mailfiles.EmailBackend"
    assert _mailer("herald.settings.production") == "django.core.mail.backends.smtp.EmailBackend"
