"""What members are told: on-site notices, and e-mail for those who ask for it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "read_at"])]

    def __str__(self):
        return self.text


class EmailPreference(models.Model):
    """Whether a member wants notices by e-mail too (off unless they opt in)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_email"
    )
    enabled = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.member}: {'e-mail' if self.enabled else 'on-site only'}"


class OutboundMail(models.Model):
    """An e-mail Herald has to send: written with the change that causes it, sent by a task.

    The row is the sent-mail record too: the task sends only while ``sent_at`` is empty, so a
    task run twice (a worker died after it started) sends the mail once.
    """

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    html = models.TextField(blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"
