"""Tasks for the worker's own tests."""

import threading
import time

from django.tasks import task

RUNS = []
_lock = threading.Lock()
_failures = {}


@task()
def remember(value):
    with _lock:
        RUNS.append(value)
    return value


@task()
def remember_slowly(value, seconds):
    """A long task: it takes ``seconds``, and is remembered once it has finished."""
    time.sleep(seconds)
    with _lock:
        RUNS.append(value)
    return value


@task()
def fail_first(value, times):
    """Raise the first ``times`` runs for ``value``, as a feed that is down for a while does."""
    with _lock:
        RUNS.append(value)
        done = _failures.get(value, 0)
        _failures[value] = done + 1
    if done < times:
        raise ConnectionError(f"the wire feed is down (run {done + 1})")
    return value


@task()
def unserialisable():
    return object()


def reset():
    RUNS.clear()
    _failures.clear()
