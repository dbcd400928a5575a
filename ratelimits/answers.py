"""How Herald answers someone past an allowance: one exception, one way to say how long, one
response shape (status 429 with ``Retry-After``), whichever limit it was.

Pages re-render their own form with the message and what was typed, so what is shared is the
answer's status and header, not a page of its own; the API answers the same way through
django-ninja's throttles.
"""

import math


class RateLimited(Exception):
    """Past an allowance; ``retry_after`` is how many seconds until one more is allowed."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, int(retry_after))


def too_many_requests(response, retry_after: int):
    """Make ``response`` (the form page shown again) the answer to a request past its limit."""
    response.status_code = 429
    response["Retry-After"] = str(max(1, int(retry_after)))
    return response


def wait_text(seconds: int) -> str:
    """``seconds`` as people say a wait: "in 1 second", "in about 5 minutes", "in about 2 hours"."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"in {_count(seconds, 'second')}"
    if seconds <= 90:
        return "in a minute or two"
    if seconds < 5400:
        return f"in about {_count(math.ceil(seconds / 60), 'minute')}"
    return f"in about {_count(round(seconds / 3600), 'hour')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
