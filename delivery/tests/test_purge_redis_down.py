"""A purge that cannot reach the shared page cache (Redis paused, timing out, down) is reported,
retried within seconds, and meanwhile the process does not serve its copies of the pages it
knows were purged: docs/operating.md, "Purges while Redis is down"."""

import copy
import logging
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from delivery import pagecache, purge
from delivery.tasks import PurgeIncomplete, cache_purge
from health.outages import outages_forget
from newsroom.models import HomePage
from tests.servers import free_port
from worker import leases
from worker.leases import HeraldWorker, LeaseSettings

from .asgi_client import asgi_get

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def nothing_pending():
    """No pending purge or reported outage leaks from one test into another."""
    yield
    pagecache._untrusted.clear()
    pagecache._untrusted_retry_due = 0.0
    outages_forget()


class Unreachable:
    """The page cache as a process sees it when its version bumps cannot get through: reads
    answer from the real cache, ``set_many`` names every key as failed, as
    ``ResilientRedisCache`` does while Redis is down or on a timeout."""

    def __init__(self, cache):
        self.cache, self.down = cache, True

    def set_many(self, data, *args, **kwargs):
        if self.down:
            return list(data)
        return self.cache.set_many(data, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.fixture
def flaky_cache(monkeypatch):
    flaky = Unreachable(pagecache.page_cache())
    monkeypatch.setattr(pagecache, "page_cache", lambda: flaky)
    return flaky


def home_key_and_page():
    home = HomePage.objects.get(url_path="/localhost/")
    request = pagecache.PageRequest("GET", "/", "", frozenset())
    return pagecache.page_key(home.get_site().pk, request), f"page-{home.pk}"


def state(response):
    return response.headers.get(pagecache.CACHE_HEADER)


def retry_due_now():
    pagecache._untrusted_retry_due = 0.0


def test_a_purge_the_shared_cache_did_not_take_is_reported_and_fails_the_task(flaky_cache):
    key, page = home_key_and_page()
    assert pagecache.keys_purge([page]) is False
    assert purge.purge([page]) == [purge.SHARED_PAGE_CACHE]
    with pytest.raises(PurgeIncomplete, match="the shared page cache"):
        cache_purge.call([page], [])
    assert set(pagecache._untrusted) == {f"sk:{page}"}


def test_an_unreachable_redis_fails_the_purge_task_and_marks_its_keys_untrusted(settings):
    caches_down = copy.deepcopy(settings.CACHES)
    caches_down["pages"] = {
        "BACKEND": "delivery.redis_cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = caches_down
    try:
        for _ in range(2):  # refused, then skipped while the cache is marked down
            with pytest.raises(PurgeIncomplete, match="the shared page cache"):
                cache_purge.call(["page-7", "site-1"], [])
        assert set(pagecache._untrusted) == {"sk:page-7", "sk:site-1"}
    finally:
        caches["pages"].close()


def test_an_entry_naming_an_untrusted_key_is_not_served_fresh(client, flaky_cache):
    key, page = home_key_and_page()
    client.get("/", **NEWS)
    assert state(client.get("/", **NEWS)) == pagecache.HIT
    old_entry, _ = pagecache.entry_lookup(key)

    pagecache.keys_purge([page])  # did not reach the shared cache: it still says "fresh"

    assert flaky_cache.cache.get_many(list(old_entry.key_versions)) == old_entry.key_versions
    assert pagecache.entry_lookup(key)[1] == pagecache.STALE_STATE
    assert pagecache.entry_lookup_local(key)[1] == pagecache.STALE_STATE
    rendered = client.get("/", **NEWS)
    assert state(rendered) == pagecache.MISS  # rendered anew, not the old copy
    # What was rendered after the purge is trusted: the process does not stop caching.
    assert state(client.get("/", **NEWS)) == pagecache.HIT


def test_the_front_door_honours_the_distrust_too(front_door, flaky_cache, settings):
    settings.HERALD_PAGE_CACHE_LOCAL_SECONDS = 60  # the memo would keep it for a minute
    key, page = home_key_and_page()
    asgi_get(front_door, "/")
    assert asgi_get(front_door, "/").cache_state == pagecache.HIT
    assert key in pagecache._local

    pagecache.keys_purge([page])

    assert asgi_get(front_door, "/").cache_state == pagecache.MISS
    assert asgi_get(front_door, "/").cache_state == pagecache.HIT  # the new copy


def test_a_remembered_entry_is_distrusted_even_if_the_memo_kept_it(flaky_cache, client, settings):
    """A purge that fails in another thread while this one is memoising the entry."""
    settings.HERALD_PAGE_CACHE_LOCAL_SECONDS = 60
    key, page = home_key_and_page()
    client.get("/", **NEWS)
    entry, fresh = pagecache.entry_lookup_local(key)
    assert fresh == pagecache.FRESH_STATE
    pagecache.keys_purge([page])
    pagecache._local[key] = (entry, pagecache.time.monotonic() + 60)  # the racing thread
    assert pagecache.entry_lookup_local(key)[1] == pagecache.STALE_STATE


def test_once_the_cache_answers_the_pending_bump_lands_and_the_set_clears(client, flaky_cache):
    key, page = home_key_and_page()
    client.get("/", **NEWS)
    old_entry, _ = pagecache.entry_lookup(key)
    pagecache.keys_purge([page])
    retry_due_now()
    assert pagecache.entry_lookup(key)[1] == pagecache.STALE_STATE  # a retry that failed
    assert pagecache._untrusted

    flaky_cache.down = False
    pagecache.entry_lookup(key)  # at most once a second: not yet
    assert pagecache._untrusted
    retry_due_now()
    assert pagecache.entry_lookup(key)[1] == pagecache.STALE_STATE
    assert pagecache._untrusted == {}
    # Now the shared cache itself says so, for every process.
    versions = flaky_cache.cache.get_many(list(old_entry.key_versions))
    assert versions[f"sk:{page}"] > old_entry.key_versions[f"sk:{page}"]


def test_a_purge_that_lands_later_clears_what_it_covers(flaky_cache):
    key, page = home_key_and_page()
    pagecache.keys_purge([page, "site-1"])
    flaky_cache.down = False
    assert pagecache.keys_purge([page]) is True  # the task's retry, for one of them
    assert set(pagecache._untrusted) == {"sk:site-1"}


def test_a_record_older_than_the_cache_ttl_is_dropped(flaky_cache, settings, monkeypatch):
    pagecache.keys_purge(["page-7"])
    later = pagecache.time.time() + settings.HERALD_PAGE_CACHE_TTL + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert pagecache.untrusted_retry(force=True) is True  # every copy before it has expired
    assert pagecache._untrusted == {}


def test_the_hot_path_with_nothing_pending_does_not_push_anything(client, monkeypatch):
    key, _ = home_key_and_page()
    client.get("/", **NEWS)
    monkeypatch.setattr(pagecache, "untrusted_retry", lambda **kw: pytest.fail("pushed"))
    assert pagecache.entry_lookup_local(key)[1] == pagecache.FRESH_STATE


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    HERALD_TASK_MAX_ATTEMPTS=5,
    HERALD_TASK_RETRY_SECONDS=10,
    HERALD_PURGE_RETRY_SECONDS=2,
)
def test_a_failed_purge_is_retried_within_seconds_for_as_long_as_a_page_may_be_cached(
    flaky_cache, monkeypatch, settings, caplog
):
    monkeypatch.setattr(leases, "close_old_connections", lambda: None)
    config = LeaseSettings.current().for_task(cache_purge)
    assert [config.retry_delay(n) for n in (1, 2, 3, 4)] == [1, 2, 2, 2]
    window = max(settings.HERALD_PAGE_CACHE_TTL, settings.HERALD_PAGE_SHARED_MAX_AGE)
    assert config.max_attempts * 2 > window  # not the five attempts of other tasks
    assert LeaseSettings.current().retry_delay(1) == 10  # other tasks keep their backoff

    result = cache_purge.enqueue(["page-7"], []).db_result
    worker = HeraldWorker(worker_id="w1", interval=0)
    with caplog.at_level(logging.DEBUG, logger="worker.leases"):
        for attempt in range(1, 7):  # more than HERALD_TASK_MAX_ATTEMPTS
            before = timezone.now()
            assert worker.poll() is True
            waiting = DBTaskResult.objects.get(pk=result.pk)
            assert waiting.status == TaskResultStatus.READY
            pause = (waiting.run_after - before).total_seconds()
            assert pause == pytest.approx(1 if attempt == 1 else 2, abs=0.5)
            waiting.run_after = timezone.now() - timedelta(seconds=1)
            waiting.save(update_fields=["run_after"])
    # The outage is reported once (health.outages); the attempts are not each a warning.
    assert not [r for r in caplog.records if r.name == "worker.leases" and r.levelno >= 30]

    flaky_cache.down = False
    assert worker.poll() is True
    assert DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.SUCCESSFUL
    assert pagecache._untrusted == {}


def test_a_render_that_started_before_a_pending_purge_is_stored_stale(flaky_cache):
    from django.http import HttpResponse

    from delivery.cache import cache_publicly

    started = pagecache.time.time()
    pagecache.keys_purge(["page-7"])  # lands mid-render, and not in the shared cache
    response = cache_publicly(HttpResponse("rendered before the purge"), keys=["page-7"])
    assert pagecache.entry_store("page:test:raced", response, render_started=started) is False
    assert pagecache.entry_lookup("page:test:raced")[1] == pagecache.STALE_STATE
