import threading

import pytest
from django.core.cache import cache
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
    monkeypatch.setattr(services, "_supervised", {})
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


@pytest.mark.django_db
def test_scheduler_publishes_a_scheduled_article_when_its_time_comes(monkeypatch):
    from datetime import timedelta

    # The thread closes its connections after each round; the test's transaction must survive.
    monkeypatch.setattr(services, "close_old_connections", lambda: None)
    cache.clear()
    from django.utils import timezone

    from newsroom.models import ArticlePage

    article = ArticlePage.objects.live().first()
    article.unpublish()
    article.refresh_from_db()
    article.title = "Embargoed until noon"
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    services.scheduler_tick()
    article.refresh_from_db()
    assert not article.live  # not yet

    # An hour passes: move the schedule into the past.
    past = timezone.now() - timedelta(minutes=1)
    revision = article.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    cache.delete(services.SCHEDULER_LOCK)  # the next round, a minute later
    services.scheduler_tick()
    article.refresh_from_db()
    assert article.live and article.title == "Embargoed until noon"


def test_only_one_process_runs_each_scheduling_round(monkeypatch):
    """Processes share the cache (Redis when there are several): one round per interval."""
    rounds = []
    monkeypatch.setattr(services, "call_command", lambda *args, **kwargs: rounds.append(args))
    monkeypatch.setattr(services, "close_old_connections", lambda: None)
    cache.clear()
    results = [services.scheduler_tick() for _ in range(3)]  # three processes, same minute
    assert results == [True, False, False] and len(rounds) == 1


@pytest.mark.django_db
def test_a_loop_that_raises_is_started_again_with_growing_pauses(caplog):
    """One PoolTimeout used to end the embedded worker's thread for good."""
    calls, pauses = [], []

    def flaky_loop():
        calls.append(1)
        if len(calls) < 4:
            raise RuntimeError("couldn't get a connection after 3.00 sec")

    supervised = services.Supervised("herald-tasks", flaky_loop, sleep=pauses.append)
    supervised.run(rounds=10)
    assert len(calls) == 4  # three failures, then a run that ended by itself
    assert pauses == [1, 2, 4]
    assert supervised.restarts == 3
    assert "couldn't get a connection" in supervised.last_error
    assert caplog.text.count("herald-tasks stopped; starting it again") == 3


@pytest.mark.django_db
def test_the_scheduler_survives_an_exception_outside_its_round(monkeypatch):
    ticks = []

    def tick():
        ticks.append(1)
        if len(ticks) == 1:
            raise OSError("cache unreachable")
        raise SystemExit  # ends the test's loop

    monkeypatch.setattr(services, "scheduler_tick", tick)
    supervised = services.Supervised("herald-scheduler", services._run_scheduler, sleep=lambda s: 0)
    with pytest.raises(SystemExit):
        supervised.run(rounds=5)
    assert len(ticks) == 2 and supervised.restarts == 1


def test_the_embedded_thread_runs_herald_s_worker_with_leases(monkeypatch):
    from worker.leases import HeraldWorker

    ran = []
    monkeypatch.setattr(HeraldWorker, "run", lambda self: ran.append(self))
    services._run_task_worker()
    assert len(ran) == 1 and ran[0].worker_id.startswith("embedded-")
    assert ran[0].process_all_queues
