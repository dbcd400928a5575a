"""``manage.py herald_worker``: the process that runs tasks when Herald is scaled out."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker import leases, services
from worker.leases import HeraldWorker

from . import sample_tasks

pytestmark = pytest.mark.django_db

TWO_QUEUES = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
}


@pytest.fixture(autouse=True)
def in_the_test_process(monkeypatch):
    # The test's transaction must survive the worker's connection hygiene, and pytest keeps
    # its own Ctrl-C handling.
    monkeypatch.setattr(leases, "close_old_connections", lambda: None)
    monkeypatch.setattr(services, "close_old_connections", lambda: None)
    monkeypatch.setattr(HeraldWorker, "configure_signals", lambda self: None)
    sample_tasks.reset()
    with override_settings(TASKS=TWO_QUEUES):
        yield


def test_herald_worker_runs_every_queue_with_leases_then_stops_in_batch_mode():
    first = sample_tasks.remember.enqueue("default queue").db_result
    second = sample_tasks.remember.using(queue_name="mail").enqueue("mail queue").db_result
    call_command("herald_worker", "--batch", "--worker-id", "batch-1", verbosity=0)
    assert sorted(sample_tasks.RUNS) == ["default queue", "mail queue"]
    for result in (first, second):
        done = DBTaskResult.objects.select_related("herald_lease").get(pk=result.pk)
        assert done.status == TaskResultStatus.SUCCESSFUL and done.worker_ids == ["batch-1"]
        assert done.herald_lease.attempts == 1


def test_herald_worker_keeps_to_the_queues_it_is_given():
    sample_tasks.remember.enqueue("default queue")
    sample_tasks.remember.using(queue_name="mail").enqueue("mail queue")
    call_command("herald_worker", "--batch", "--queue-name", "mail", verbosity=0)
    assert sample_tasks.RUNS == ["mail queue"]
