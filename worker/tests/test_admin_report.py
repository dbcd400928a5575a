"""Reports → Background tasks: staff see queued, running and failed tasks, and retry a failed
one; bad input gets a message, never an error page."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.models import TaskLease

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/background-tasks/"
PURGE = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
REINDEX = "wagtail.tasks.update_reference_index_task"


def make_task(path, status, *, attempts=0, error="", **fields):
    result = DBTaskResult.objects.create(
        task_path=path,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=fields.pop("run_after", timezone.now()),
        **fields,
    )
    if attempts or error:
        TaskLease.objects.create(task=result, attempts=attempts, last_error=error)
    return result


@pytest.fixture
def tasks():
    failed = make_task(
        PURGE,
        TaskResultStatus.FAILED,
        attempts=5,
        error="builtins.ConnectionError: Varnish at http://cache:6081 refused the purge\nmore",
        exception_class_path="builtins.ConnectionError",
        traceback="Traceback (most recent call last):\n…",
        finished_at=timezone.now(),
    )
    waiting = make_task(
        REINDEX,
        TaskResultStatus.READY,
        attempts=2,
        error="builtins.TimeoutError: slow",
        run_after=timezone.now() + timedelta(seconds=40),
    )
    running = make_task("notifications.tasks.mail_send", TaskResultStatus.RUNNING)
    done = make_task("modelsearch.tasks.insert_or_update_object_task", TaskResultStatus.SUCCESSFUL)
    return {"failed": failed, "waiting": waiting, "running": running, "done": done}


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser("ops@example.com", "long-pass-phrase-1")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return user, client


def shows(page, path):
    module, _, name = path.rpartition(".")
    return f'<div class="title-wrapper">{name}</div><small>{module}</small>' in page


def csrf_of(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_staff_see_queued_running_and_failed_tasks_with_attempts_and_last_error(staff, tasks):
    page = staff[1].get(REPORT).content.decode()
    assert "Background tasks" in page
    for shown in (PURGE, REINDEX, "notifications.tasks.mail_send"):
        assert shows(page, shown)
    assert not shows(page, "modelsearch.tasks.insert_or_update_object_task")  # succeeded
    assert "Varnish at http://cache:6081 refused the purge" in page
    assert "more" not in page.split("refused the purge")[1][:20]  # the first line only
    assert "Waiting to retry (at " in page and "Running" in page and "Failed" in page
    assert page.count('name="next"') == 1  # a Retry button on the failed task alone
    assert f"/admin/reports/background-tasks/{tasks['failed'].pk}/retry/" in page


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("FAILED", PURGE, REINDEX),
        ("READY", REINDEX, PURGE),
        ("SUCCESSFUL", "modelsearch.tasks.insert_or_update_object_task", PURGE),
    ],
)
def test_the_report_filters_by_status(staff, tasks, status, shown, hidden):
    page = staff[1].get(REPORT, {"status": status}).content.decode()
    assert shows(page, shown) and not shows(page, hidden)


def test_an_unknown_status_filter_shows_the_usual_list(staff, tasks):
    response = staff[1].get(REPORT, {"status": "EXPLODED"})
    assert response.status_code == 200 and shows(response.content.decode(), PURGE)


def test_the_report_costs_the_same_queries_for_3_tasks_as_for_30(staff, tasks):
    """One query for the tasks with their leases, whatever the number of rows."""
    client = staff[1]
    client.get(REPORT)  # warm the session and the menu's caches
    with CaptureQueriesContext(connection) as few:
        client.get(REPORT)
    for n in range(27):
        make_task(PURGE, TaskResultStatus.FAILED, attempts=5, error=f"builtins.OSError: {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(REPORT)
    assert len(many) == len(few)


def test_retry_puts_a_failed_task_back_in_the_queue_with_attempts_reset(staff, tasks):
    user, client = staff
    failed = tasks["failed"]
    token = csrf_of(client.get(REPORT).content.decode())
    response = client.post(
        f"{REPORT}{failed.pk}/retry/",
        {"csrfmiddlewaretoken": token, "next": f"{REPORT}?status=FAILED"},
    )
    assert response.status_code == 302 and response["Location"] == f"{REPORT}?status=FAILED"
    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.READY and failed.finished_at is None
    assert failed.run_after <= timezone.now()
    assert DBTaskResult.objects.ready().filter(pk=failed.pk).exists()  # a worker takes it next
    lease = TaskLease.objects.get(pk=failed.pk)
    assert lease.attempts == 0 and lease.retried_by == user and lease.retried_at is not None
    page = client.get(response["Location"]).content.decode()
    assert f"“{PURGE}” is queued again" in page


def test_retry_without_the_csrf_token_is_refused(staff, tasks):
    response = staff[1].post(f"{REPORT}{tasks['failed'].pk}/retry/")
    assert response.status_code == 403
    tasks["failed"].refresh_from_db()
    assert tasks["failed"].status == TaskResultStatus.FAILED


@pytest.mark.parametrize(
    ("task_id", "message"),
    [
        ("waiting", "has not failed (it is ready): only a failed task can be retried"),
        ("done", "has not failed (it is successful)"),
        (str(uuid.uuid4()), "That task no longer exists"),
        ("not-a-task-id", "There is no such task."),
    ],
)
def test_retrying_what_cannot_be_retried_says_why(staff, tasks, task_id, message):
    client = staff[1]
    task_id = tasks[task_id].pk if task_id in tasks else task_id
    token = csrf_of(client.get(REPORT).content.decode())
    response = client.post(
        f"{REPORT}{task_id}/retry/",
        {"csrfmiddlewaretoken": token, "next": "https://elsewhere.example/"},
    )
    assert response.status_code == 302 and response["Location"] == REPORT  # never off-site
    assert message in client.get(REPORT).content.decode()
    assert tasks["waiting"].status == DBTaskResult.objects.get(pk=tasks["waiting"].pk).status


def test_retry_is_post_only(staff, tasks):
    assert staff[1].get(f"{REPORT}{tasks['failed'].pk}/retry/").status_code == 405


def test_editors_without_the_permission_see_neither_the_report_nor_its_menu_item(
    django_user_model, tasks
):
    from django.contrib.auth.models import Group, Permission

    editor = django_user_model.objects.create_user("desk@example.com", "long-pass-phrase-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert "Background tasks" not in client.get("/admin/").content.decode()
    response = client.get(REPORT)
    assert response.status_code in (302, 403) and not shows(response.content.decode(), PURGE)
    client.post(f"{REPORT}{tasks['failed'].pk}/retry/")
    assert DBTaskResult.objects.get(pk=tasks["failed"].pk).status == TaskResultStatus.FAILED

    editor.user_permissions.add(Permission.objects.get(codename="manage_tasks"))
    editor = django_user_model.objects.get(pk=editor.pk)  # permissions are cached per object
    client.force_login(editor)
    assert "Background tasks" in client.get("/admin/").content.decode()
    assert shows(client.get(REPORT).content.decode(), PURGE)


def test_the_permission_can_be_given_to_a_group_in_the_admin(staff):
    page = staff[1].get("/admin/groups/new/").content.decode()
    assert "Can see background tasks and retry failed ones" in page
