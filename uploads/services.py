"""The upload allowance: one per member, shared by every path that takes a member's files.

Avatars, story pictures and gallery pictures (and any upload path added later) call
``upload_allowance_take`` before Herald opens the files, so what the allowance protects —
decoding, re-encoding and storing pictures — is counted for every file Herald checks, accepted
or refused (a refused file cost as much to look at). A file Herald skips without opening, such
as a gallery form sent a second time, is not counted.

The allowance is ``HERALD_UPLOAD_ALLOWANCE`` files in any ``HERALD_UPLOAD_ALLOWANCE_HOURS``
(a sliding window). The database is the record: it holds across processes and survives a cache
outage, and counting the rows gives the exact moment enough of the window has passed, which
is what ``Retry-After`` tells the member. A batch is taken whole or not at all, so a member who
sends more files than are left is told how many they may send, and nothing is half-stored.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ratelimits.answers import RateLimited, wait_text

from .models import AllowanceUse


@dataclass(frozen=True)
class Allowance:
    files: int
    window: datetime.timedelta


def upload_allowance() -> Allowance:
    return Allowance(
        files=settings.HERALD_UPLOAD_ALLOWANCE,
        window=datetime.timedelta(hours=settings.HERALD_UPLOAD_ALLOWANCE_HOURS),
    )


class UploadAllowanceExceeded(RateLimited):
    """More files than the member has left; ``retry_after`` is in seconds."""

    def __init__(self, *, remaining: int, wanted: int, allowance: Allowance, retry_after: int):
        self.remaining = remaining
        self.wanted = wanted
        self.allowance = allowance
        super().__init__(
            _refusal_text(remaining, wanted, allowance, retry_after), retry_after=retry_after
        )


def _refusal_text(remaining: int, wanted: int, allowance: Allowance, retry_after: int) -> str:
    limit = allowance.files
    hours = round(allowance.window.total_seconds() / 3600)
    period = f"{hours} hour{'s' if hours != 1 else ''}"
    later = wait_text(retry_after)
    if wanted > limit:
        return f"You can send at most {limit} pictures in {period}; send fewer at a time."
    if remaining == 0:
        return (
            f"You have sent as many pictures as we take in {period} ({limit}). "
            f"You can send more {later}."
        )
    return (
        f"You can send {remaining} more picture{'s' if remaining != 1 else ''} "
        f"for now (at most {limit} in {period}). Send fewer, or the others {later}."
    )


@transaction.atomic
def upload_allowance_take(*, member, files: int = 1, path: str, now=None) -> None:
    """Count ``files`` about to be checked against the member's allowance, or raise
    ``UploadAllowanceExceeded`` (and count nothing) when fewer are left."""
    if files < 1:
        return
    now = now or timezone.now()
    allowance = upload_allowance()
    since = now - allowance.window
    # The member's requests take their turn (a row lock on PostgreSQL), so two uploads sent at
    # the same moment cannot both spend the last of the allowance.
    list(get_user_model().objects.select_for_update().filter(pk=member.pk).values_list("pk"))
    uses = AllowanceUse.objects.filter(member=member)
    uses.filter(sent_at__lte=since).delete()
    recent = list(uses.order_by("sent_at").values_list("sent_at", "files"))
    used = sum(count for _, count in recent)
    if used + files > allowance.files:
        raise UploadAllowanceExceeded(
            remaining=max(allowance.files - used, 0),
            wanted=files,
            allowance=allowance,
            retry_after=_retry_after(recent, used + files - allowance.files, allowance, now),
        )
    AllowanceUse.objects.create(member=member, files=files, path=path[:20], sent_at=now)


def _retry_after(recent, excess: int, allowance: Allowance, now) -> int:
    """Seconds until enough of the member's recent files leave the window for ``excess``."""
    freed = 0
    for sent_at, count in recent:
        freed += count
        if freed >= excess:
            return max(math.ceil((sent_at + allowance.window - now).total_seconds()), 1)
    return math.ceil(allowance.window.total_seconds())  # more than the whole allowance
