import threading

import pytest
from django.test import override_settings

from worker import services


@pytest.fixture
def recorded_threads(monkeypatch):
    started = []

    class RecordingThread:
        def __init__(self, *, target, name, daemon):
            self.name, self.daemon = name, daemon

        def start(self):
            started.append(self)

    monkeypatch.setattr(services.threading, "Thread", RecordingThread)
    monkeypatch.setattr(services, "_started", threading.Event())
    return started


@override_settings(
    HERALD_EMBEDDED_WORKER=True,
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
def test_one_process_install_starts_task_worker_and_scheduler_once(recorded_threads):
    assert services.worker_start_embedded() is True
    assert services.worker_start_embedded() is False  # a second call starts nothing more
    assert sorted(t.name for t in recorded_threads) == ["herald-scheduler", "herald-tasks"]
    assert all(t.daemon for t in recorded_threads)


@override_settings(HERALD_EMBEDDED_WORKER=False)
def test_scaled_out_install_starts_no_thread(recorded_threads):
    assert services.worker_start_embedded() is False
    assert recorded_threads == []
