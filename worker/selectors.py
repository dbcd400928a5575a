"""What staff see of the task queue (Reports → Background tasks)."""

from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import TaskLease

REPORT_STATUSES = [
    (TaskResultStatus.READY, "Queued"),
    (TaskResultStatus.RUNNING, "Running"),
    (TaskResultStatus.FAILED, "Failed"),
    (TaskResultStatus.SUCCESSFUL, "Succeeded"),
]


def tasks_for_report(*, status: str = "") -> QuerySet[DBTaskResult]:
    """Tasks newest first, each with its lease in the same query. With no status: the ones
    that still need someone's attention or a worker's (queued, running, failed)."""
    tasks = DBTaskResult.objects.select_related("herald_lease").order_by("-enqueued_at", "-pk")
    if status:
        return tasks.filter(status=status)
    return tasks.exclude(status=TaskResultStatus.SUCCESSFUL)


def task_lease(result: DBTaskResult) -> TaskLease | None:
    try:
        return result.herald_lease
    except TaskLease.DoesNotExist:
        return None


def task_attempts(result: DBTaskResult) -> int:
    lease = task_lease(result)
    return lease.attempts if lease else 0


def task_last_error(result: DBTaskResult) -> str:
    lease = task_lease(result)
    if lease and lease.last_error_line:
        return lease.last_error_line
    if result.exception_class_path:  # failed before Herald's worker kept leases
        return result.exception_class_path
    return ""


def task_state(result: DBTaskResult, *, now=None) -> str:
    """The status as staff read it: a queued task that failed before waits to be retried."""
    now = now or timezone.now()
    if result.status == TaskResultStatus.READY:
        waiting = result.run_after is not None and result.run_after > now
        if waiting and result.run_after.year < 9999:  # django-tasks-db's "no run_after"
            label = "Waiting to retry" if task_attempts(result) else "Scheduled"
            at = timezone.localtime(result.run_after)
            when = f"{at:%H:%M:%S}" if at.date() == timezone.localdate(now) else f"{at:%d %b %H:%M}"
            return f"{label} (at {when})"
        return "Queued"
    return dict(REPORT_STATUSES).get(result.status, result.status.title())
