"""The embedded task worker: the one-process install's background thread.

With the database task backend, Wagtail's own tasks and Herald's wait for a worker. In the
default one-process install, the ASGI server process runs one as a daemon thread, together with
scheduled publishing, so that every purge and live event reaches the one cache and broker with
no cron job or second process. Scaled out, set ``HERALD_EMBEDDED_WORKER=false`` and run
``manage.py herald_worker`` processes and ``manage.py publish_scheduled`` every minute instead.
Either way the worker is Herald's (worker/leases.py): a task whose worker dies is run again,
and one that fails is retried before it is shown to staff as failed.
"""

import logging
import os
import socket
import threading
import time
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

_started = threading.Event()
RESTART_BACKOFF_MAX_SECONDS = 60


class Supervised:
    """A loop run in a daemon thread that starts again, after a growing pause, whatever it
    raises: one failed database call (a pool timeout under load, an outage) must not stop tasks
    and scheduled publishing for the rest of the process's life without a word."""

    def __init__(self, name, loop, *, sleep=time.sleep):
        self.name, self.loop, self.sleep = name, loop, sleep
        self.thread = None
        self.restarts = 0
        self.last_error = ""

    def start(self):
        self.thread = threading.Thread(target=self.run, name=self.name, daemon=True)
        self.thread.start()

    def run(self, *, rounds=None):
        pause = 1
        while rounds is None or rounds > 0:
            started = time.monotonic()
            try:
                self.loop()
                return  # the loop ended by itself (a worker asked to stop)
            except Exception as exc:
                self.restarts += 1
                self.last_error = f"{type(exc).__name__}: {exc}"[:300]
                if time.monotonic() - started > RESTART_BACKOFF_MAX_SECONDS:
                    pause = 1  # it had been running well: start over quickly
                logger.exception("%s stopped; starting it again in %s s.", self.name, pause)
            finally:
                close_old_connections()
            if rounds is not None:
                rounds -= 1
            self.sleep(pause)
            pause = min(pause * 2, RESTART_BACKOFF_MAX_SECONDS)

    @property
    def alive(self):
        return self.thread is not None and self.thread.is_alive()


_supervised: dict[str, Supervised] = {}


def embedded_threads_problem() -> str | None:
    """What /healthz reports: None while every embedded loop this process started runs."""
    dead = sorted(name for name, loop in _supervised.items() if not loop.alive)
    return f"stopped: {', '.join(dead)}" if dead else None


def _database_backend_configured():
    return settings.TASKS.get("default", {}).get("BACKEND") == "django_tasks_db.DatabaseBackend"


def task_enqueue(task, *args, **kwargs):
    """Queue ``task`` so that it runs once the caller's transaction has committed, and is not
    lost if this process dies right after the commit.

    With the database task backend the task is a row written in the caller's transaction: it
    commits with the change that caused it (or rolls back with it), and a worker picks it up
    whatever happens to this process afterwards. Other backends (the tests' immediate one) are
    asked on commit, so nothing runs for a change that is rolled back.
    """
    if _database_backend_configured():
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None


class TaskNotRetried(Exception):
    """Why a task cannot be put back in the queue, worded for the member of staff who asked."""


def task_retry(*, task_id, by) -> "DBTaskResult":
    """Put a failed task back in the queue with its attempts counted from nought again, and
    record who did it. Only a failed task can be retried: one that is queued or running will
    run (again) anyway, and one that succeeded must not be repeated from the admin."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import TaskLease

    try:
        task_id = uuid.UUID(str(task_id))
    except ValueError:
        raise TaskNotRetried("There is no such task.") from None
    with transaction.atomic():
        result = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
        if result is None:
            raise TaskNotRetried("That task no longer exists: it may have been pruned.")
        if result.status != TaskResultStatus.FAILED:
            state = TaskResultStatus(result.status).label.lower()
            raise TaskNotRetried(
                f"“{result.task_path}” has not failed (it is {state}): only a failed task can "
                "be retried."
            )
        now = timezone.now()
        result.status = TaskResultStatus.READY
        result.run_after = now
        result.finished_at = None
        result.save(update_fields=["status", "run_after", "finished_at"])
        lease, _ = TaskLease.objects.get_or_create(task=result)
        lease.attempts, lease.worker_id = 0, ""
        lease.retried_by, lease.retried_at = by, now
        lease.save()
    logger.info("%s put failed task %s (%s) back in the queue.", by, result.pk, result.task_path)
    return result


def _run_task_worker():
    from .leases import HeraldWorker

    HeraldWorker(
        worker_id=f"embedded-{socket.gethostname()[:32]}-{os.getpid()}",
        interval=settings.HERALD_WORKER_INTERVAL,
    ).run()


SCHEDULER_LOCK = "herald:scheduler-lock"


def scheduler_tick():
    """Publish what editors scheduled for now (and unpublish what has expired).

    Every process with the embedded worker ticks, but only the first to take the lock in the
    shared cache (Redis, when there are several processes) runs a round, so scheduled pages are
    published exactly once.
    """
    if not cache.add(
        SCHEDULER_LOCK, os.getpid(), timeout=max(settings.HERALD_SCHEDULER_INTERVAL - 5, 1)
    ):
        return False
    try:
        call_command("publish_scheduled", verbosity=0)
    except Exception:
        logger.exception("Scheduled publishing failed; trying again next round.")
    finally:
        close_old_connections()
    return True


def _run_scheduler():
    while True:
        scheduler_tick()
        time.sleep(settings.HERALD_SCHEDULER_INTERVAL)


def _supervise(name, loop):
    supervised = Supervised(name, loop)
    _supervised[name] = supervised
    supervised.start()


def worker_start_embedded() -> bool:
    """Start the task worker and the publishing scheduler as daemon threads, once per process."""
    if not settings.HERALD_EMBEDDED_WORKER or _started.is_set():
        return False
    _started.set()
    if _database_backend_configured():
        _supervise("herald-tasks", _run_task_worker)
    _supervise("herald-scheduler", _run_scheduler)
    logger.info("Embedded task worker and publishing scheduler started (pid %s).", os.getpid())
    return True
