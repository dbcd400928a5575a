"""Say once that a service Herald talks to is down, with what to do; then keep quiet until it
is back (and say that once too).

Loading the demo against production settings before Varnish was started printed 2,433 identical
"purge failed" lines, and a missing mail server 58 tracebacks. Each failure still counts (the
caller decides what to retry); the log gets one warning per service and outage, repeated at
most every ``HERALD_OUTAGE_REPEAT_SECONDS`` while it lasts, and one line when it ends.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("herald.outages")

_lock = threading.Lock()
_down: dict[str, float] = {}  # service -> when the outage was last reported


def outage_report(service: str, problem, advice: str) -> bool:
    """Note that ``service`` failed; log it (with ``advice``) if that is news. True if logged."""
    now = time.monotonic()
    with _lock:
        last = _down.get(service)
        if last is not None and now - last < settings.HERALD_OUTAGE_REPEAT_SECONDS:
            logger.debug("%s still unreachable: %s", service, problem)
            return False
        _down[service] = now
    again = " (still)" if last is not None else ""
    logger.warning("%s is unreachable%s: %s. %s", service, again, problem, advice)
    return True


def outage_over(service: str) -> None:
    """Note that ``service`` answered; log it once if it had been reported down."""
    if service not in _down:  # the common case, without taking the lock
        return
    with _lock:
        was_down = _down.pop(service, None) is not None
    if was_down:
        logger.warning("%s answers again.", service)


def outages_forget() -> None:
    with _lock:
        _down.clear()
