"""Herald's task worker: a lease on every task it runs, redelivery, attempts and backoff.

django-tasks-db keeps each task as a row (``DBTaskResult``) and its worker claims one at a time.
On its own, a row claimed by a worker that then dies (SIGKILL, out of memory, a lost machine)
stays RUNNING for ever, and a task that raises is FAILED at once. Herald's worker runs on the
same rows with the same claim, and adds a lease (``TaskLease``, one row per task):

- **Claim.** In one transaction a worker locks the first ready row (``select_for_update`` with
  ``skip_locked`` on PostgreSQL, an exclusive transaction on SQLite: django-tasks-db's own
  ``get_locked`` and ``exclusive_transaction``), marks it RUNNING with django-tasks-db's
  ``claim``, and writes the lease: its worker id, ``heartbeat_at`` now, one more attempt. Any
  other worker skips the locked row, or waits for the transaction and then no longer sees the
  task as ready, so no two workers ever hold one task.
- **Heartbeat.** While the task runs, a thread of its own renews ``heartbeat_at`` every
  ``HERALD_TASK_HEARTBEAT_SECONDS``, however long the task takes.
- **Redelivery.** Each poll, every worker looks for leases whose heartbeat is older than
  ``HERALD_TASK_LEASE_SECONDS``: their worker stopped answering. The task is READY again at
  once, counted as an attempt, or FAILED with ``WorkerLost`` when that was its last attempt.
  RUNNING rows with no lease (run by django-tasks-db's ``db_worker``, or from before Herald had
  leases) count from ``started_at``; looking for them means reading the task table by status,
  so a worker does that once per lease period rather than every poll.
- **Attempts and backoff.** A task that raises is READY again after ``HERALD_TASK_RETRY_SECONDS``,
  doubled for each attempt it has had (at most ``HERALD_TASK_RETRY_MAX_SECONDS``), until it has
  had ``HERALD_TASK_MAX_ATTEMPTS``; then it is FAILED with its exception class and traceback, as
  django-tasks-db records them, and staff see it under Reports → Background tasks.
- **A task's own schedule.** A task may set its own pauses and attempts with
  ``@retry_policy(…)`` under its ``@task``: a function, called when a run fails or its worker
  is lost, that returns the ``LeaseSettings`` fields to change (``retry``, ``retry_max``,
  ``max_attempts``, and ``quiet``, which logs its failed attempts at debug level when they are
  reported elsewhere). Purges use it to try again within seconds for as long as a page could
  still be cached (``delivery.tasks``).
- **Finishing.** A worker writes a task's outcome only while it still holds the lease (the row
  RUNNING, the lease its own for this attempt), so a worker taken for dead that comes back
  cannot overwrite what the run after it did.

Delivery is therefore at least once: a task can run again after its effect has happened (the
worker died between the effect and marking the task done, or stalled for longer than the lease),
so every task must be safe to run twice. Workers compare heartbeats with their own clocks: keep
the machines' clocks in step (NTP) to well within the lease.
"""

import logging
import os
import random
import socket
import threading
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from traceback import format_exception

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, connections
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.json import normalize_json
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .models import TaskLease

logger = logging.getLogger(__name__)

REDELIVERY_BATCH = 100  # abandoned tasks one poll hands back at most


def _when_unlocked(record, *args, tries=5):
    """Write a task's outcome, waiting a little while SQLite is busy with another worker."""
    for attempt in range(1, tries + 1):
        try:
            return record(*args)
        except OperationalError as exc:
            if attempt == tries or not is_locked_database_exception(exc):
                raise
            time.sleep(0.1 * attempt)


class WorkerLost(Exception):
    """The worker running a task stopped renewing its lease (killed, out of memory, lost)."""


RETRY_POLICY_ATTRIBUTE = "herald_retry_policy"


def retry_policy(policy):
    """Give a task its own retry schedule: ``policy()`` returns the ``LeaseSettings`` fields to
    change, read each time a run fails (so settings are current). Goes under ``@task``."""

    def decorate(func):
        setattr(func, RETRY_POLICY_ATTRIBUTE, policy)
        return func

    return decorate


@dataclass(frozen=True)
class LeaseSettings:
    heartbeat: float
    lease: float
    retry: float
    retry_max: float
    max_attempts: int
    quiet: bool = False  # failed attempts before the last are logged at debug level only

    @classmethod
    def current(cls) -> "LeaseSettings":
        return cls(
            heartbeat=settings.HERALD_TASK_HEARTBEAT_SECONDS,
            lease=settings.HERALD_TASK_LEASE_SECONDS,
            retry=settings.HERALD_TASK_RETRY_SECONDS,
            retry_max=settings.HERALD_TASK_RETRY_MAX_SECONDS,
            max_attempts=settings.HERALD_TASK_MAX_ATTEMPTS,
        )

    def for_task(self, task) -> "LeaseSettings":
        """These settings with ``task``'s own retry policy applied, if it has one."""
        policy = getattr(getattr(task, "func", None), RETRY_POLICY_ATTRIBUTE, None)
        return replace(self, **policy()) if policy is not None else self

    def for_row(self, result: DBTaskResult) -> "LeaseSettings":
        try:
            return self.for_task(result.task)
        except (ImportError, AttributeError, ValueError, SuspiciousOperation):
            return self  # a task that cannot be loaded fails with its own error when run

    def retry_delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1, 2, …): 10, 20, 40 …"""
        return min(self.retry * 2 ** (attempt - 1), self.retry_max)


def worker_id_default(prefix: str = "") -> str:
    """A worker id that says where the worker runs (shorter than django-tasks-db's 64)."""
    host = socket.gethostname().split(".")[0][:32]
    return f"{prefix}{host}-{os.getpid()}-{get_random_string(4)}"


def error_line(exc: BaseException) -> str:
    """``module.Class: first line of the message``, as staff see it in the report."""
    name = f"{type(exc).__module__}.{type(exc).__qualname__}"
    message = str(exc).strip()
    return (f"{name}: {message.splitlines()[0]}" if message else name)[:500]


class Heartbeat:
    """Renew one task's lease every ``interval`` seconds, from a thread of its own, while the
    task runs in the worker's thread."""

    def __init__(self, *, task_id, worker_id: str, attempt: int, interval: float):
        self.task_id, self.worker_id, self.attempt = task_id, worker_id, attempt
        self.interval = interval
        self.beats = 0
        self._stopped = threading.Event()
        self._thread = None

    def start(self) -> "Heartbeat":
        self._thread = threading.Thread(
            target=self._run, name=f"herald-heartbeat-{self.task_id}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)  # a beat stuck on the database ends by itself

    def _run(self):
        try:
            while not self._stopped.wait(self.interval):
                renewing = self.beat()
                connections.close_all()  # this thread's connection goes back to the pool
                if not renewing:
                    return
        finally:
            connections.close_all()

    def beat(self) -> bool:
        """Renew the lease; False once it is no longer this worker's (no point beating on)."""
        try:
            renewed = TaskLease.objects.filter(
                pk=self.task_id, worker_id=self.worker_id, attempts=self.attempt
            ).update(heartbeat_at=timezone.now())
        except Exception:
            logger.warning(
                "Could not renew the lease on task %s; trying again in %s s.",
                self.task_id,
                self.interval,
                exc_info=True,
            )
            return True
        if renewed:
            self.beats += 1
            return True
        if not self._stopped.is_set():
            logger.warning(
                "Task %s was handed to another worker while %s still ran it (its lease had "
                "expired); the task may run twice.",
                self.task_id,
                self.worker_id,
            )
        return False


class HeraldWorker(Worker):
    """django-tasks-db's worker (its options and signal handling) with a lease on each task."""

    def __init__(
        self,
        *,
        worker_id: str | None = None,
        queue_names=("*",),
        excluded_queue_names=(),
        interval: float | None = None,
        batch: bool = False,
        backend_name: str = "default",
        startup_delay: bool = False,
        max_tasks: int | None = None,
    ):
        super().__init__(
            queue_names=list(queue_names),
            excluded_queue_names=list(excluded_queue_names),
            interval=settings.HERALD_WORKER_INTERVAL if interval is None else interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id or worker_id_default(),
        )
        self._unleased_due = 0.0  # time.monotonic() of the next look for unleased tasks

    def run(self) -> None:
        logger.info("Task worker %s started (queues: %s).", self.worker_id, self.queue_names)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # workers started together do not poll in step
        while self.running:
            ran = self.poll()
            if self.batch and not ran and not self.ready_tasks().exists():
                logger.info("No more tasks for %s; stopping.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("%s ran its %d tasks; stopping.", self.worker_id, self._run_tasks)
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def poll(self) -> bool:
        """One round: hand back what dead workers held, then run one ready task, if any."""
        close_old_connections()  # drop a connection the database closed while we slept
        claimed = None
        try:
            self.redeliver_abandoned()
            claimed = self.claim()
            if claimed is not None:
                self.run_leased(*claimed)
        except OperationalError as exc:
            # SQLite busy for longer than its timeout: as django-tasks-db does, try again next
            # poll (a task whose outcome could not be written is run again once its lease ends).
            if not is_locked_database_exception(exc):
                raise
            logger.warning("The database is busy (%s); %s tries again.", exc, self.worker_id)
        finally:
            close_old_connections()
        return claimed is not None

    def ready_tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    # Claiming --------------------------------------------------------------------------------

    def claim(self) -> tuple[DBTaskResult, TaskLease] | None:
        """Take the next ready task and its lease in one transaction; None when there is none
        (or SQLite is busy with another worker's claim: the next poll tries again)."""
        tasks = self.ready_tasks()
        try:
            with exclusive_transaction(tasks.db):
                result = tasks.get_locked()
                if result is None:
                    return None
                result.claim(self.worker_id)
                lease, _ = TaskLease.objects.get_or_create(task=result)
                lease.worker_id = self.worker_id
                lease.heartbeat_at = result.started_at
                lease.attempts += 1
                lease.save(update_fields=["worker_id", "heartbeat_at", "attempts"])
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None
            raise
        return result, lease

    # Redelivery ------------------------------------------------------------------------------

    def redeliver_abandoned(self) -> int:
        """Put back (or fail, after their last attempt) tasks whose worker stopped answering."""
        config = LeaseSettings.current()
        cutoff = timezone.now() - timedelta(seconds=config.lease)
        stale = list(
            TaskLease.objects.exclude(worker_id="")
            .filter(heartbeat_at__lt=cutoff)
            .values_list("task_id", flat=True)[:REDELIVERY_BATCH]
        )
        if time.monotonic() >= self._unleased_due:
            self._unleased_due = time.monotonic() + config.lease
            stale += (
                DBTaskResult.objects.running()
                .filter(
                    backend_name=self.backend_name, started_at__lt=cutoff, herald_lease__isnull=True
                )
                .values_list("id", flat=True)[:REDELIVERY_BATCH]
            )
        return sum(self._redeliver(task_id, config) for task_id in stale)

    def _redeliver(self, task_id, config: LeaseSettings) -> bool:
        now = timezone.now()
        cutoff = now - timedelta(seconds=config.lease)
        try:
            with exclusive_transaction(DBTaskResult.objects.db):
                # Skip a row another worker has locked: it is finishing or handing it back.
                result = (
                    DBTaskResult.objects.select_for_update(skip_locked=True)
                    .filter(pk=task_id, status=TaskResultStatus.RUNNING)
                    .first()
                )
                lease = TaskLease.objects.filter(pk=task_id).first()
                if result is None:
                    # Finished some other way (django-tasks-db's worker, the shell): let go.
                    TaskLease.objects.filter(pk=task_id, heartbeat_at__lt=cutoff).exclude(
                        task__status=TaskResultStatus.RUNNING
                    ).update(worker_id="")
                    return False
                if lease is None:
                    if result.started_at is None or result.started_at >= cutoff:
                        return False
                    lease = TaskLease(task=result, attempts=1, heartbeat_at=result.started_at)
                    lease.worker_id = result.worker_ids[-1] if result.worker_ids else ""
                elif not lease.worker_id or lease.heartbeat_at >= cutoff:
                    return False  # renewed, or handed back, since we looked
                config = config.for_row(result)
                silent = (now - lease.heartbeat_at).total_seconds()
                lost = WorkerLost(
                    f"Its worker ({lease.worker_id or 'unknown'}) stopped answering: no heartbeat "
                    f"for {silent:.0f} s, on attempt {lease.attempts} of {config.max_attempts}."
                )
                final = lease.attempts >= config.max_attempts
                if final:
                    result.set_failed(lost)
                else:
                    result.status = TaskResultStatus.READY
                    result.run_after = now
                    result.save(update_fields=["status", "run_after"])
                lease.worker_id = ""
                lease.last_error = error_line(lost)
                lease.save()
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return False
            raise
        if final:
            logger.error("Task %s (%s) failed: %s", task_id, result.task_path, lost)
            self._send_finished(result)
        else:
            logger.warning("Task %s (%s) is queued again: %s", task_id, result.task_path, lost)
        return True

    # Running ---------------------------------------------------------------------------------

    def run_leased(self, result: DBTaskResult, lease: TaskLease) -> None:
        """Run a claimed task with its heartbeat going, then record how it went."""
        config = LeaseSettings.current()
        heartbeat = Heartbeat(
            task_id=result.pk,
            worker_id=self.worker_id,
            attempt=lease.attempts,
            interval=config.heartbeat,
        ).start()
        self.running_task = True
        try:
            try:
                task = result.task
                task_result = result.task_result
                task_started.send(sender=type(task.get_backend()), task_result=task_result)
                args, kwargs = task_result.args, task_result.kwargs
                if task.takes_context:
                    value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
                else:
                    value = task.call(*args, **kwargs)
                value = normalize_json(value)  # what JSON cannot hold fails here, not mid-write
            except Exception as exc:
                heartbeat.stop()
                config = config.for_row(result)
                _when_unlocked(self._record_failure, result, lease, exc, config)
            except BaseException:
                # Stopped from outside (a second Ctrl-C): not the task's fault; run it again.
                heartbeat.stop()
                self._hand_back(result, lease)
                raise
            else:
                heartbeat.stop()
                _when_unlocked(self._record_success, result, lease, value)
        finally:
            heartbeat.stop()
            self.running_task = False
            self._run_tasks += 1

    def _owned(self, result: DBTaskResult, lease: TaskLease) -> DBTaskResult | None:
        """The task's row, locked, if this worker still holds its lease for this attempt."""
        row = (
            DBTaskResult.objects.select_for_update()
            .filter(pk=result.pk, status=TaskResultStatus.RUNNING)
            .first()
        )
        held = TaskLease.objects.filter(
            pk=result.pk, worker_id=self.worker_id, attempts=lease.attempts
        ).exists()
        if row is None or not held:
            logger.warning(
                "Task %s (%s) was handed to another worker while %s ran it; this run's outcome "
                "is not recorded.",
                result.pk,
                result.task_path,
                self.worker_id,
            )
            return None
        return row

    def _record_success(self, result, lease, value):
        with exclusive_transaction(DBTaskResult.objects.db):
            row = self._owned(result, lease)
            if row is None:
                return
            row.set_successful(value)
            TaskLease.objects.filter(pk=row.pk).update(worker_id="")
        self._send_finished(row)

    def _record_failure(self, result, lease, exc, config: LeaseSettings):
        with exclusive_transaction(DBTaskResult.objects.db):
            row = self._owned(result, lease)
            if row is None:
                return
            final = lease.attempts >= config.max_attempts
            if final:
                row.set_failed(exc)
            else:
                delay = config.retry_delay(lease.attempts)
                row.status = TaskResultStatus.READY
                row.run_after = timezone.now() + timedelta(seconds=delay)
                # Kept while it waits, so staff see why; cleared when a run succeeds.
                row.exception_class_path = f"{type(exc).__module__}.{type(exc).__qualname__}"
                row.traceback = "".join(format_exception(exc))
                row.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])
            TaskLease.objects.filter(pk=row.pk).update(worker_id="", last_error=error_line(exc))
        if final:
            self._send_finished(row)  # django.tasks logs the failure with its traceback
        else:
            (logger.debug if config.quiet else logger.warning)(
                "Task %s (%s) failed on attempt %d of %d; it runs again in %s s.",
                row.pk,
                row.task_path,
                lease.attempts,
                config.max_attempts,
                delay,
                exc_info=exc,
            )

    def _hand_back(self, result, lease):
        try:
            with exclusive_transaction(DBTaskResult.objects.db):
                row = self._owned(result, lease)
                if row is not None:
                    row.status = TaskResultStatus.READY
                    row.save(update_fields=["status"])
                    TaskLease.objects.filter(pk=row.pk).update(worker_id="")
        except Exception:
            logger.exception("Could not hand task %s back; its lease will expire.", result.pk)

    def _send_finished(self, row: DBTaskResult) -> None:
        try:
            sender = type(row.task.get_backend())
            task_result = row.task_result
        except (ImportError, SuspiciousOperation):
            logger.error("Task %s (%s) cannot be loaded.", row.pk, row.task_path)
            return
        task_finished.send(sender=sender, task_result=task_result)
