"""What every contribution is checked for before it is kept: the member may send (not
suspended), within their upload allowance, and what editors should look at twice."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from accounts.selectors import suspension_active
from moderation.selectors import words_listed_in
from ratelimits.answers import RateLimited as AllowanceSpent
from uploads.services import UploadAllowanceExceeded, upload_allowance_take

from ..text import link_count


class RateLimited(AllowanceSpent, PermissionDenied):
    """Past one of the member's allowances; ``retry_after`` is in seconds. A PermissionDenied
    too, so a caller that does not tell the two apart still refuses."""

    def __init__(self, message, *, retry_after=3600, story=None):
        super().__init__(message, retry_after=retry_after)
        self.story = story  # the draft that was saved, when pictures sent with it were refused


def upload_allowance_spend(member, files: int, path: str):
    try:
        upload_allowance_take(member=member, files=files, path=path)
    except UploadAllowanceExceeded as error:
        raise RateLimited(error.message, retry_after=error.retry_after) from None


def contribution_allowed_check(member):
    suspension = suspension_active(member)
    if suspension:
        raise PermissionDenied(
            f"You are suspended {suspension.until_text} and cannot send contributions: "
            f"{suspension.reason}"
        )


def review_flags(text: str, html: str = "") -> list[str]:
    """Reasons an editor should look twice; flagged work still reaches the queue."""
    flags = []
    found = words_listed_in(text)
    if found:
        flags.append("Words on the banned or suspect list: " + ", ".join(found))
    links = link_count(html)
    if links > settings.HERALD_MYNEWS_MAX_LINKS:
        flags.append(f"{links} links (more than {settings.HERALD_MYNEWS_MAX_LINKS})")
    return flags
