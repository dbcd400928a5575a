"""Mail written to files, as the demo and development send it, in a form a person can follow.

Django's file backend writes each message as it would go over SMTP: quoted-printable, so a long
link is broken across lines with ``=`` and cannot be clicked or pasted. This backend writes that
``.log`` file too, and beside it a ``.txt`` copy of each message in plain 8-bit UTF-8 (the
headers a reader wants, the text part, then its links one a line), and logs each mail that
carries an account link (address confirmation, password reset) with those links, so that the
console of ``make run`` shows the link to follow; other mails (the demo's notices) are logged
at DEBUG only, which keeps the console quiet.

It is the default mailer of every settings module but ``test`` and ``production``
(``herald/settings/base.py``); an ``EMAIL_HOST`` replaces it with SMTP.
"""

import itertools
import logging
import re
from email.header import decode_header, make_header
from pathlib import Path

from django.core.mail.backends import filebased

logger = logging.getLogger(__name__)

LINK = re.compile(r"https?://[^\s<>\"')\]]+")
# The links a newcomer must follow from the mail itself: allauth's one-time keys (confirm the
# address, reset the password). Notices link to pages the site shows anyway.
ACCOUNT_LINK = re.compile(r"^https?://[^/]+/accounts/")
HEADERS = ("From", "To", "Subject", "Date")


def mail_links(text: str) -> list[str]:
    """The web addresses in ``text``, in order, each once."""
    return list(dict.fromkeys(match.rstrip(".,;:") for match in LINK.findall(text)))


def mail_text(message) -> str:
    """``message`` as a person reads it: headers, the plain-text body, then its links."""
    headers = message.message()
    lines = [
        f"{name}: {make_header(decode_header(headers[name]))}" for name in HEADERS if headers[name]
    ]
    body = message.body.rstrip("\n")
    links = mail_links(body)
    text = "\n".join([*lines, "", body])
    if links:
        text += "\n\nLinks in this mail:\n" + "\n".join(links)
    return text + "\n"


class EmailBackend(filebased.EmailBackend):
    """Django's file backend, plus a plain-text copy of each message and its links logged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._written = 0

    def write_message(self, message):
        super().write_message(message)
        log_file = Path(self._get_filename())
        text = mail_text(message)
        # Unique even when two backends share a .log name (the same second, a reused id()).
        for number in itertools.count(1):
            copy = log_file.with_name(f"{log_file.stem}-{number}.txt")
            try:
                with copy.open("x", encoding="utf-8") as out:
                    out.write(text)
                break
            except FileExistsError:
                continue
        links = mail_links(message.body)
        account_links = [link for link in links if ACCOUNT_LINK.search(link)]
        logger.log(
            logging.INFO if account_links else logging.DEBUG,
            "Mail to %s, “%s”, written to %s%s",
            ", ".join(message.to),
            message.subject,
            copy,
            "".join(f"\n    {link}" for link in account_links or links),
        )
