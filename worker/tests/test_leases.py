"""Herald's worker: leases, redelivery after a dead worker, attempts and backoff.

A worker that "died" is one that claimed a task (so it holds a lease) and then never renewed it:
its lease's heartbeat is older than HERALD_TASK_LEASE_SECONDS, as a SIGKILL leaves it.
"""

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker import leases
from worker.leases import HeraldWorker, LeaseSettings
from worker.models import TaskLease

from . import sample_tasks

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASES = {
    "HERALD_TASK_LEASE_SECONDS": 30,
    "HERALD_TASK_HEARTBEAT_SECONDS": 5,
    "HERALD_TASK_MAX_ATTEMPTS": 3,
    "HERALD_TASK_RETRY_SECONDS": 10,
    "HERALD_TASK_RETRY_MAX_SECONDS": 3600,
}


@pytest.fixture(autouse=True)
def database_backend(monkeypatch):
    # The worker closes its connections after each poll; the test's transaction must survive.
    monkeypatch.setattr(leases, "close_old_connections", lambda: None)
    sample_tasks.reset()
    with override_settings(TASKS=DATABASE_TASKS, **LEASES):
        yield


def worker(name):
    return HeraldWorker(worker_id=name, interval=0)


def die_while_running(name):
    """Claim the next task as worker ``name``, which is then killed: its heartbeat stops."""
    result, lease = worker(name).claim()
    TaskLease.objects.filter(pk=result.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=31)
    )
    return result


def row(result):
    return DBTaskResult.objects.select_related("herald_lease").get(pk=result.pk)


def test_a_task_runs_once_and_its_lease_records_the_attempt():
    result = sample_tasks.remember.enqueue("published").db_result
    survivor = worker("w1")
    assert survivor.poll() is True
    assert survivor.poll() is False  # nothing left
    assert sample_tasks.RUNS == ["published"]
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.return_value == "published"
    assert done.herald_lease.attempts == 1 and done.herald_lease.worker_id == ""


def test_a_task_whose_worker_was_killed_mid_run_is_run_again_by_the_next_poll_exactly_once():
    result = sample_tasks.remember.enqueue("purge page 42").db_result
    die_while_running("killed")
    assert row(result).status == TaskResultStatus.RUNNING  # what django-tasks-db left for ever
    survivor = worker("survivor")
    assert survivor.poll() is True
    assert survivor.poll() is False
    assert worker("third").poll() is False
    assert sample_tasks.RUNS == ["purge page 42"]
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.worker_ids == ["killed", "survivor"]
    assert done.herald_lease.attempts == 2  # the killed run counts
    assert "killed" in done.herald_lease.last_error and "stopped answering" in (
        done.herald_lease.last_error
    )


def test_a_fresh_lease_is_left_alone():
    result = sample_tasks.remember.enqueue("still running").db_result
    running, lease = worker("busy").claim()
    TaskLease.objects.filter(pk=result.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=29)  # within the 30 s lease
    )
    assert worker("other").poll() is False
    assert sample_tasks.RUNS == []
    untouched = row(result)
    assert untouched.status == TaskResultStatus.RUNNING
    assert untouched.herald_lease.worker_id == "busy" and untouched.herald_lease.attempts == 1


def test_a_running_task_with_no_lease_counts_from_when_it_started():
    """Claimed by django-tasks-db's own worker (or before leases existed), then abandoned."""
    old = sample_tasks.remember.enqueue("old").db_result
    new = sample_tasks.remember.enqueue("new").db_result
    for result, started in ((old, 31), (new, 5)):
        result.claim("db_worker")
        DBTaskResult.objects.filter(pk=result.pk).update(
            started_at=timezone.now() - timedelta(seconds=started)
        )
    survivor = worker("survivor")
    assert survivor.poll() is True
    assert sample_tasks.RUNS == ["old"]
    assert row(old).herald_lease.attempts == 2
    assert row(new).status == TaskResultStatus.RUNNING
    assert not TaskLease.objects.filter(pk=new.pk).exists()


def wait_out_the_pause(result):
    DBTaskResult.objects.filter(pk=result.pk).update(run_after=timezone.now())


def test_a_failing_task_is_retried_with_growing_pauses_then_failed_with_its_error():
    result = sample_tasks.fail_first.enqueue("feed", 99).db_result
    w = worker("w1")
    pauses = []
    for attempt in (1, 2):
        before = timezone.now()
        assert w.poll() is True
        waiting = row(result)
        assert waiting.status == TaskResultStatus.READY
        assert waiting.herald_lease.attempts == attempt
        assert waiting.herald_lease.last_error == (
            f"builtins.ConnectionError: the wire feed is down (run {attempt})"
        )
        pauses.append((waiting.run_after - before).total_seconds())
        assert w.poll() is False  # not before its pause is over
        wait_out_the_pause(result)
    assert pauses[0] == pytest.approx(10, abs=1) and pauses[1] == pytest.approx(20, abs=1)
    assert w.poll() is True  # the third and last attempt
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED and failed.finished_at is not None
    assert failed.exception_class_path == "builtins.ConnectionError"
    assert "ConnectionError: the wire feed is down (run 3)" in failed.traceback
    assert "Traceback (most recent call last)" in failed.traceback
    assert failed.task_result.errors[0].exception_class_path == "builtins.ConnectionError"
    assert sample_tasks.RUNS == ["feed"] * 3
    wait_out_the_pause(result)
    assert w.poll() is False  # failed is final


def test_a_task_that_fails_once_then_succeeds_ends_successful_with_its_error_cleared():
    result = sample_tasks.fail_first.enqueue("flaky", 1).db_result
    w = worker("w1")
    w.poll()
    assert row(result).traceback  # kept while it waits, for the report
    wait_out_the_pause(result)
    w.poll()
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.traceback == ""
    assert done.herald_lease.attempts == 2


def test_a_return_value_that_cannot_be_stored_is_a_failed_attempt():
    result = sample_tasks.unserialisable.enqueue().db_result
    worker("w1").poll()
    assert row(result).status == TaskResultStatus.READY
    assert row(result).herald_lease.last_error.startswith("builtins.TypeError")


def test_a_task_whose_worker_keeps_dying_ends_failed_saying_its_worker_stopped_answering():
    result = sample_tasks.remember.enqueue("out of memory").db_result
    survivor = worker("survivor")
    for attempt in (1, 2, 3):
        die_while_running(f"killed-{attempt}")
        survivor.redeliver_abandoned()
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "worker.leases.WorkerLost"
    assert "Its worker (killed-3) stopped answering" in failed.traceback
    assert "attempt 3 of 3" in failed.herald_lease.last_error
    assert sample_tasks.RUNS == []
    assert survivor.poll() is False


def test_a_worker_taken_for_dead_does_not_overwrite_the_run_after_it():
    """A worker that stalled past its lease comes back: its run happened (delivery is at least
    once), but the task's outcome is the newer run's."""
    result = sample_tasks.remember.enqueue("twice").db_result
    stalled = worker("stalled")
    first, first_lease = stalled.claim()
    TaskLease.objects.filter(pk=result.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=60)
    )
    survivor = worker("survivor")
    survivor.redeliver_abandoned()
    second, second_lease = survivor.claim()
    stalled.run_leased(first, first_lease)
    assert row(result).status == TaskResultStatus.RUNNING  # the stalled run recorded nothing
    assert row(result).herald_lease.worker_id == "survivor"
    survivor.run_leased(second, second_lease)
    assert row(result).status == TaskResultStatus.SUCCESSFUL
    assert sample_tasks.RUNS == ["twice", "twice"]


def test_the_heartbeat_renews_only_its_own_lease():
    result = sample_tasks.remember.enqueue("long").db_result
    claimed, lease = worker("w1").claim()
    stale = timezone.now() - timedelta(seconds=20)
    TaskLease.objects.filter(pk=result.pk).update(heartbeat_at=stale)
    beat = leases.Heartbeat(task_id=result.pk, worker_id="w1", attempt=1, interval=5)
    assert beat.beat() is True
    assert TaskLease.objects.get(pk=result.pk).heartbeat_at > stale
    TaskLease.objects.filter(pk=result.pk).update(worker_id="w2", attempts=2)
    assert beat.beat() is False  # handed to another worker: stop beating


def test_pauses_double_up_to_the_cap():
    config = LeaseSettings(heartbeat=5, lease=30, retry=10, retry_max=60, max_attempts=9)
    assert [config.retry_delay(n) for n in range(1, 6)] == [10, 20, 40, 60, 60]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"HERALD_TASK_HEARTBEAT_SECONDS": 20}, "worker.E002"),
        ({"HERALD_TASK_LEASE_SECONDS": 0}, "worker.E001"),
        ({"HERALD_TASK_MAX_ATTEMPTS": 2.5}, "worker.E001"),
        ({"HERALD_TASK_RETRY_MAX_SECONDS": 5}, "worker.E003"),
    ],
)
def test_bad_lease_settings_are_refused_with_how_to_fix_them(overrides, error):
    with override_settings(**overrides):
        found = [message for message in run_checks() if message.id.startswith("worker.")]
    assert [message.id for message in found] == [error]
    assert "set it" in found[0].msg or "must be" in found[0].msg
