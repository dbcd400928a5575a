"""Reports → Background tasks: the task queue as staff see it, and a Retry for failed tasks."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .selectors import (
    REPORT_STATUSES,
    task_attempts,
    task_last_error,
    task_state,
    tasks_for_report,
)
from .services import TaskNotRetried, task_retry

PERMISSION = "worker.manage_tasks"


def may_manage_tasks(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class TaskStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=REPORT_STATUSES,
        empty_label="Queued, running and failed",
        method="by_status",
    )

    class Meta:
        model = DBTaskResult
        fields = ["status"]

    def by_status(self, queryset, name, value):
        return queryset  # tasks_for_report applies it: no status means "not succeeded"


class TaskColumn(BaseColumn):
    """The task's function, with its module beneath (a dotted path is too wide to read)."""

    cell_template_name = "worker/task_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["module"], _, context["name"] = instance.task_path.rpartition(".")
        return context


class StatusColumn(BaseColumn):
    """The status as staff read it, and a Retry button on a failed task (cells get no
    csrf_token, so it is passed in)."""

    cell_template_name = "worker/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        query = request.GET.copy()
        query.pop("_w_filter_fragment", None)  # the filters' AJAX refresh, not the page
        context["state"] = task_state(instance)
        context["failed"] = instance.status == TaskResultStatus.FAILED
        if context["failed"]:
            context["csrf_value"] = get_token(request)
            context["next_url"] = reverse("worker_tasks") + (
                f"?{query.urlencode()}" if query else ""
            )
        return context


class BackgroundTasksView(ReportView):
    page_title = "Background tasks"
    header_icon = "cogs"
    index_url_name = "worker_tasks"
    index_results_url_name = "worker_tasks_results"
    filterset_class = TaskStatusFilterSet
    verbose_name_plural = "tasks"
    columns = [
        TaskColumn("task", label="Task"),
        StatusColumn("status", label="Status"),
        Column("attempts", label="Attempts", accessor=task_attempts),
        DateColumn("enqueued_at", label="Enqueued"),
        DateColumn("started_at", label="Started"),
        DateColumn("finished_at", label="Finished"),
        Column("last_error", label="Last error", accessor=task_last_error),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_manage_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        status = ""
        if self.filters and self.filters.is_valid():
            status = self.filters.form.cleaned_data.get("status") or ""
        return tasks_for_report(status=status)


@require_POST
def retry(request, task_id):
    """Put a failed task back in the queue; anything else is told why not, on the report."""
    if not may_manage_tasks(request.user):
        raise PermissionDenied
    try:
        result = task_retry(task_id=task_id, by=request.user)
    except TaskNotRetried as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"“{result.task_path}” is queued again and runs shortly.")
    back = request.POST.get("next", "")
    index = reverse("worker_tasks")
    if not (
        back.startswith(index)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = index
    return redirect(back)
