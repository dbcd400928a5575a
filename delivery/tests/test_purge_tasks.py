"""Purges run as a task after the commit, and are tried again until every cache has them."""

import httpx
import pytest
from django.test import override_settings

from delivery import purge
from delivery.tasks import PurgeIncomplete, cache_purge
from external.testing import http_answers

pytestmark = pytest.mark.django_db


def test_a_purge_waits_for_the_commit_and_reaches_varnish_from_the_task(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.HERALD_VARNISH_URLS = ["http://127.0.0.1:6081/"]
    sent = []
    monkeypatch.setattr(purge, "varnish_purge", lambda url, keys: sent.append((url, keys)) or 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge.purge_after_commit(["page-7", "site-1", "page-7"])
    assert sent == []  # nothing before the change is visible
    for callback in callbacks:
        callback()
    assert sent == [("http://127.0.0.1:6081/", ["page-7", "site-1"])]


def test_an_unreachable_varnish_fails_the_task_so_it_is_tried_again(settings, monkeypatch):
    settings.HERALD_VARNISH_URLS = ["http://127.0.0.1:1/"]

    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with http_answers(refused), pytest.raises(PurgeIncomplete, match="127.0.0.1:1"):
        cache_purge.call(["page-7"], [])


def test_a_varnish_purge_is_a_purge_request_naming_the_keys(settings):
    settings.HERALD_VARNISH_URLS = ["http://127.0.0.1:6081/"]
    seen = []

    def varnish(request):
        seen.append((request.method, str(request.url), request.headers["xkey-purge"]))
        return httpx.Response(200)

    with http_answers(varnish):
        assert purge.varnish_purge("http://127.0.0.1:6081/", ["page-7", "site-1"])
    assert seen == [("PURGE", "http://127.0.0.1:6081/", "page-7 site-1")]


@pytest.mark.parametrize("status", [403, 404, 500, 503])
def test_a_varnish_that_refuses_the_purge_counts_as_not_reached(status):
    with http_answers(lambda request: httpx.Response(status)):
        assert not purge.varnish_purge("http://127.0.0.1:6081/", ["page-7"])


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_the_purge_is_a_row_of_the_same_transaction():
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        purge.purge_after_commit(["page-9"], ["http://localhost/news/"])
        row = DBTaskResult.objects.get(task_path="delivery.tasks.cache_purge")
    assert row.args_kwargs["args"] == [["page-9"], ["http://localhost/news/"]]


def test_building_a_network_from_nothing_queues_no_purges(
    monkeypatch, django_capture_on_commit_callbacks
):
    """No cache holds a page of a network being built: its server must not start by purging."""
    calls = []
    monkeypatch.setattr(purge, "keys_purge", lambda keys: calls.append(keys) or True)
    with django_capture_on_commit_callbacks(execute=True), purge.purges_suspended():
        purge.purge_after_commit(["site-1", "page-2"])
    assert calls == []
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_after_commit(["site-1"])
    assert calls  # and purges as usual once it is built
