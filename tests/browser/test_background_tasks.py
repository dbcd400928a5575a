"""Staff find a failed background task under Reports → Background tasks and retry it; the
server's embedded worker then runs it."""

import json
import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in
from tests.servers import manage

ERROR = "django.db.utils.OperationalError: database is locked (reference index, browser test)"

# A real Wagtail task that failed its five attempts, as the worker leaves one: the row and its
# lease. Updating the home page's reference index succeeds once it is retried.
FAILED_TASK = f"""
import json
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from worker.models import TaskLease

page = Page.objects.filter(depth=2).first()
now = timezone.now()
task = DBTaskResult.objects.create(
    task_path="wagtail.tasks.update_reference_index_task",
    status="FAILED",
    args_kwargs={{"args": ["wagtailcore", "page", page.pk], "kwargs": {{}}}},
    backend_name="default",
    run_after=now,
    started_at=now,
    finished_at=now,
    worker_ids=["embedded-gone-1"] * 5,
    exception_class_path="django.db.utils.OperationalError",
    traceback="Traceback (most recent call last):\\n{ERROR}\\n",
)
TaskLease.objects.create(task=task, attempts=5, last_error="{ERROR}")
print(json.dumps(str(task.pk)))
"""

STATUS = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.get(pk="{pk}").status)
"""


def test_staff_retry_a_failed_task_from_the_reports_menu_and_the_worker_runs_it(
    browser, herald_server
):
    output = manage(herald_server.environment, "shell", "-c", FAILED_TASK).stdout
    task_id = json.loads(output.strip().splitlines()[-1])

    staff = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    admin_sign_in(staff, herald_server)
    staff.get_by_role("button", name="Reports").click()
    staff.get_by_role("link", name="Background tasks").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Background tasks")

    row = staff.locator("tr", has_text="database is locked (reference index, browser test)")
    expect(row.locator("td").first).to_have_text(
        re.compile(r"update_reference_index_task\s*wagtail\.tasks")
    )
    expect(row.locator("td").nth(1)).to_contain_text("Failed")
    expect(row.locator("td").nth(2)).to_have_text("5")  # attempts
    row.get_by_role("button", name="Retry").click()
    expect(staff.locator(".messages")).to_contain_text(
        "“wagtail.tasks.update_reference_index_task” is queued again"
    )

    # The server's embedded worker polls every second: the task runs and succeeds.
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        status = manage(herald_server.environment, "shell", "-c", STATUS.format(pk=task_id))
        status = status.stdout.strip().splitlines()[-1]
        if status == "SUCCESSFUL":
            break
        time.sleep(1)
    assert status == "SUCCESSFUL"
    staff.reload()
    expect(staff.get_by_text(re.compile("reference index, browser test"))).to_have_count(0)
    staff.goto(herald_server.url + "/admin/reports/background-tasks/?status=SUCCESSFUL")
    succeeded = staff.locator("tr", has_text="database is locked (reference index, browser test)")
    expect(succeeded).to_contain_text("Succeeded")
    expect(succeeded.get_by_role("button", name="Retry")).to_have_count(0)
