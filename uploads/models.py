from django.conf import settings
from django.db import models
from django.utils import timezone


class AllowanceUse(models.Model):
    """Files a member sent at one time through one upload path: what the allowance counts.

    Rows older than the allowance's window are of no use and are deleted as the member uploads
    again (and with the account)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    files = models.PositiveIntegerField()
    path = models.CharField(max_length=20, help_text="Where they were sent: avatar, story, …")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["member", "sent_at"], name="uploads_use_member_sent")]
        constraints = [
            models.CheckConstraint(condition=models.Q(files__gte=1), name="uploads_use_files_1")
        ]

    def __str__(self):
        return f"{self.files} file(s) by member {self.member_id} ({self.path}) at {self.sent_at}"
