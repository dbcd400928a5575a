"""Say loudly when several Herald processes run without Redis.

Without ``REDIS_URL`` each process has its own page cache, render locks and live-event broker,
so a purge or a live event reaches only the process where it happened: other processes keep
serving the old page. One process is fine; more need Redis. Processes on one machine share
``var/``, so each takes a lock file there; a second process finding it held warns at start-up.
"""

import fcntl
import logging
import os

from django.conf import settings

logger = logging.getLogger("herald.startup")

LOCK_NAME = "single-process.lock"
_held = []  # keeps the lock's file open for the life of the process


def process_check_alone() -> bool:
    """Take the one-process lock; warn and return False when another process holds it."""
    if settings.REDIS_URL:
        return True
    folder = settings.HERALD_VAR_DIR
    folder.mkdir(parents=True, exist_ok=True)
    lock = open(folder / LOCK_NAME, "a")  # noqa: SIM115 (held open on purpose)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        logger.warning(
            "\n%s\nProcess %s: another Herald process using %s is already running, and "
            "REDIS_URL is not set. Each process then has its own page cache and live events: "
            "purges and new-story notices reach only the process where they happen, and readers "
            "of the others see old pages. Run one process, or set REDIS_URL for all of them "
            "(docs/deployment.md).\n%s",
            "!" * 78,
            os.getpid(),
            folder,
            "!" * 78,
        )
        return False
    _held.append(lock)
    return True
