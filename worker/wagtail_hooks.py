"""Reports → Background tasks in the Wagtail admin, for staff with the "Can see background
tasks and retry failed ones" permission (superusers have it; grant it to a group under
Settings → Groups)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class BackgroundTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage_tasks(request.user)


@hooks.register("register_admin_urls")
def background_tasks_urls():
    return [
        path(
            "reports/background-tasks/",
            admin_views.BackgroundTasksView.as_view(),
            name="worker_tasks",
        ),
        path(
            "reports/background-tasks/results/",
            admin_views.BackgroundTasksView.as_view(results_only=True),
            name="worker_tasks_results",
        ),
        path(
            "reports/background-tasks/<str:task_id>/retry/",
            admin_views.retry,
            name="worker_task_retry",
        ),
    ]


@hooks.register("register_reports_menu_item")
def background_tasks_menu_item():
    return BackgroundTasksMenuItem(
        "Background tasks",
        reverse("worker_tasks"),
        name="background-tasks",
        icon_name="cogs",
        order=1200,
    )


@hooks.register("register_permissions")
def background_tasks_permission():
    return Permission.objects.filter(content_type__app_label="worker", codename="manage_tasks")
