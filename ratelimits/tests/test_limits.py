"""The one rate limiter: rolling windows per subject, waits to the bucket, relaxed without Redis."""

import pytest
from django.core.cache import cache

from ratelimits.limits import Limit, limits_count, limits_wait

HOURLY = Limit("test-hourly", 3, 3600)
INTERVAL = Limit("test-interval", 1, 3)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_allows_up_to_the_limit_then_says_how_long_to_wait():
    for _ in range(3):
        assert limits_wait([HOURLY], ["member-1"], now=1000.0) is None
        limits_count([HOURLY], ["member-1"], now=1000.0)
    wait = limits_wait([HOURLY], ["member-1"], now=1000.0)
    # Counted in the bucket 960–1019: it leaves the hour's window at 960 + 3600.
    assert wait == 3560


def test_the_window_rolls_instead_of_restarting_on_the_clock_hour():
    """Spent just before the hour, an hourly allowance is not back just after it."""
    just_before = 3600 * 10 - 30.0
    for _ in range(3):
        limits_count([HOURLY], ["member-1"], now=just_before)
    assert limits_wait([HOURLY], ["member-1"], now=3600 * 10 + 60.0) > 3000
    assert limits_wait([HOURLY], ["member-1"], now=just_before + 3600) is None


def test_old_events_leave_the_window_one_bucket_at_a_time():
    limits_count([HOURLY], ["member-1"], now=0.0)
    limits_count([HOURLY], ["member-1"], now=1800.0)
    limits_count([HOURLY], ["member-1"], now=1800.0)
    assert limits_wait([HOURLY], ["member-1"], now=1900.0) == 3600 - 1900
    assert limits_wait([HOURLY], ["member-1"], now=3600.0) is None


def test_a_short_interval_has_one_second_buckets():
    limits_count([INTERVAL], ["member-1"], now=100.5)
    assert 1 <= limits_wait([INTERVAL], ["member-1"], now=100.6) <= 3
    assert limits_wait([INTERVAL], ["member-1"], now=103.0) is None


def test_each_subject_has_its_own_allowance_and_the_longest_wait_wins():
    limits_count([INTERVAL], ["member-1", "ip-a"], now=100.0)
    assert limits_wait([INTERVAL], ["member-2", "ip-b"], now=100.0) is None
    assert limits_wait([INTERVAL], ["member-2", "ip-a"], now=100.0) == 3
    limits_count([HOURLY] * 3, ["member-2"], now=100.0)
    assert limits_wait([INTERVAL, HOURLY], ["member-2", "ip-a"], now=100.0) > 3000


def test_a_limit_set_to_zero_limits_nothing():
    off = Limit("test-off", 1, 0)
    limits_count([off], ["member-1"], now=5.0)
    assert limits_wait([off], ["member-1"], now=5.0) is None


def test_limits_relax_while_redis_is_down(monkeypatch):
    """An unreachable Redis reads as an empty cache: nobody is refused for Herald's outage."""
    from delivery.redis_cache import ResilientRedisCache

    down = ResilientRedisCache(
        "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        {"OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05}},
    )
    monkeypatch.setattr("ratelimits.limits.cache", down)
    limits_count([INTERVAL], ["member-1"], now=100.0)
    assert limits_wait([INTERVAL], ["member-1"], now=100.0) is None
