"""task_enqueue: a side effect runs after its change commits, and is never lost after it."""

import pytest
from django.db import transaction
from django.test import override_settings

from worker.services import task_enqueue

from . import sample_tasks

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def no_runs():
    sample_tasks.RUNS.clear()


def test_with_the_immediate_backend_it_runs_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task_enqueue(sample_tasks.remember, "published")
        assert sample_tasks.RUNS == []  # not before the change is visible
    assert len(callbacks) == 1 and sample_tasks.RUNS == ["published"]


@override_settings(TASKS=DATABASE_TASKS)
def test_with_the_database_backend_the_task_commits_with_the_change():
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        task_enqueue(sample_tasks.remember, "kept")
        # Written inside the transaction: a process killed after the commit loses nothing.
        assert DBTaskResult.objects.filter(args_kwargs__args=["kept"]).exists()
    with pytest.raises(RuntimeError), transaction.atomic():
        task_enqueue(sample_tasks.remember, "rolled back")
        raise RuntimeError("the change fails")
    assert not DBTaskResult.objects.filter(args_kwargs__args=["rolled back"]).exists()
    assert sample_tasks.RUNS == []  # a worker runs them, not the request
