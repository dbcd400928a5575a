from django.conf import settings
from django.db import models
from django.db.models import Q


class TaskLease(models.Model):
    """Which worker runs a task and how often it has been tried (see worker/leases.py).

    One row per django-tasks-db task result, written by Herald's worker in the transaction that
    claims the task; the task's own row (status, times, error) stays django-tasks-db's.
    """

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="herald_lease",
    )
    worker_id = models.CharField(
        max_length=64,
        blank=True,
        help_text="The worker that holds the lease while the task runs; empty when none does.",
    )
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the worker last said it was still running the task.",
    )
    attempts = models.PositiveIntegerField(
        default=0, help_text="Runs started since the task was queued (or last retried by staff)."
    )
    last_error = models.TextField(
        blank=True, help_text="The last run's error: its exception and message."
    )
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last put the failed task back in the queue.",
    )
    retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()  # leases are the worker's; staff act through the report
        permissions = [("manage_tasks", "Can see background tasks and retry failed ones")]
        indexes = [
            # Every poll of every worker looks for held leases whose heartbeat is old.
            models.Index(
                fields=["heartbeat_at"], name="worker_lease_held_idx", condition=~Q(worker_id="")
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(worker_id="") | Q(heartbeat_at__isnull=False),
                name="worker_lease_held_has_heartbeat",
            )
        ]

    def __str__(self):
        holder = self.worker_id or "no worker"
        return f"Lease on task {self.task_id} ({holder}, attempt {self.attempts})"

    @property
    def last_error_line(self) -> str:
        return self.last_error.strip().splitlines()[0] if self.last_error.strip() else ""
