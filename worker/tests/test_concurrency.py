"""Workers at the same time, in threads with connections of their own: two never run one task,
and a long task's heartbeat keeps it its worker's.

These commit for real (``transaction=True``), so pytest-django runs them after the tests that
roll back, and they need nothing of the demo network, which is gone after them.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import override_settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.leases import HeraldWorker
from worker.models import TaskLease

from . import sample_tasks

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_backend():
    sample_tasks.reset()
    with override_settings(TASKS=DATABASE_TASKS, HERALD_TASK_MAX_ATTEMPTS=3):
        yield


def in_thread(target):
    """Run ``target`` in a thread with its own connection; return the thread and its errors."""
    errors = []

    def run():
        try:
            target()
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def unless_locked(query, *, locked):
    """``query()``, or ``locked`` when SQLite's shared in-memory test database has a table
    locked by another thread's connection (a file database waits for it instead)."""
    try:
        return query()
    except OperationalError as exc:
        if "is locked" in str(exc):
            return locked
        raise


def still_queued():
    return unless_locked(DBTaskResult.objects.ready().exists, locked=True)


def test_two_workers_polling_at_once_never_both_claim_one_task():
    results = [sample_tasks.remember_slowly.enqueue(n, 0.01).db_result for n in range(24)]
    start = threading.Barrier(2)

    def work(name):
        def loop():
            w = HeraldWorker(worker_id=name, interval=0)
            start.wait()
            while w.poll() or still_queued():
                pass

        return loop

    threads = [in_thread(work(name)) for name in ("left", "right")]
    for thread, errors in threads:
        thread.join(timeout=60)
        assert not errors, errors
    assert sorted(sample_tasks.RUNS) == list(range(24))  # each once
    done = DBTaskResult.objects.filter(pk__in=[r.pk for r in results])
    assert {r.status for r in done} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(r.worker_ids) == 1 for r in done)
    assert set(TaskLease.objects.values_list("attempts", flat=True)) == {1}
    assert {r.worker_ids[0] for r in done} == {"left", "right"}  # both did work


@override_settings(HERALD_TASK_LEASE_SECONDS=0.6, HERALD_TASK_HEARTBEAT_SECONDS=0.1)
def test_the_heartbeat_keeps_a_long_tasks_lease_fresh():
    """The task takes four lease periods; another worker polling all along leaves it alone."""
    result = sample_tasks.remember_slowly.enqueue("long", 2.4).db_result
    long_runner = HeraldWorker(worker_id="long-runner", interval=0)
    finished = threading.Event()
    handed_back = []

    def watch():
        other = HeraldWorker(worker_id="other", interval=0)
        while not finished.is_set():
            handed_back.append(unless_locked(other.redeliver_abandoned, locked=0))
            time.sleep(0.05)

    watcher, errors = in_thread(watch)
    try:
        assert long_runner.poll() is True
    finally:
        finished.set()
        watcher.join(timeout=10)
    assert not errors, errors
    assert len(handed_back) > 20 and sum(handed_back) == 0
    done = DBTaskResult.objects.get(pk=result.pk)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.worker_ids == ["long-runner"]
    assert sample_tasks.RUNS == ["long"]
    lease = TaskLease.objects.get(pk=result.pk)
    assert lease.attempts == 1
    assert (lease.heartbeat_at - done.started_at).total_seconds() > 1.8  # renewed to the end


@override_settings(HERALD_TASK_LEASE_SECONDS=0.6, HERALD_TASK_HEARTBEAT_SECONDS=60)
def test_without_a_heartbeat_the_same_long_task_is_taken_for_abandoned():
    """The control for the test above: it is the heartbeat that keeps the task."""
    result = sample_tasks.remember_slowly.enqueue("long", 1.5).db_result
    long_runner = HeraldWorker(worker_id="long-runner", interval=0)
    finished = threading.Event()

    def watch():
        other = HeraldWorker(worker_id="other", interval=0)
        while not finished.is_set() and not unless_locked(other.redeliver_abandoned, locked=0):
            time.sleep(0.05)

    watcher, errors = in_thread(watch)
    try:
        long_runner.poll()
    finally:
        finished.set()
        watcher.join(timeout=10)
    assert not errors, errors
    assert DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.READY
    assert TaskLease.objects.get(pk=result.pk).attempts == 1


@pytest.mark.postgresql
def test_a_task_another_worker_has_locked_is_skipped_not_waited_for():
    """PostgreSQL's row lock: while one worker's claim holds the row, another finds nothing to
    run (it does not wait, and never takes the same row); once it is free, it takes it."""
    result = sample_tasks.remember.enqueue("locked").db_result
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            DBTaskResult.objects.ready().get_locked()
            locked.set()
            release.wait(timeout=10)

    holder, errors = in_thread(hold_the_row)
    assert locked.wait(timeout=10)
    started = time.monotonic()
    assert HeraldWorker(worker_id="second").claim() is None
    assert time.monotonic() - started < 2
    release.set()
    holder.join(timeout=10)
    assert not errors, errors
    claimed, lease = HeraldWorker(worker_id="second").claim()
    assert claimed.pk == result.pk and lease.worker_id == "second"
    assert connection.vendor == "postgresql"
