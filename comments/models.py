"""Comments under articles and reader stories, and the policy moderators set for them.

Moderators' decisions on comments are in ``moderation.Decision``; the word lists comments are
read against are ``moderation.WordPolicy``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="comment")
class CommentPolicy(BaseGenericSetting):
    """The comment rules moderators edit themselves (Settings → Comment policy); the word lists
    are Settings → Word lists, shared with contributions and names."""

    toxicity_threshold = models.FloatField(
        default=0.85,
        help_text="Hold comments whose toxicity score (0 to 1) is at or above this.",
    )
    premoderate_all = models.BooleanField(
        default=False, help_text="Hold every new comment on every site for review."
    )

    panels = [
        FieldPanel("toxicity_threshold"),
        FieldPanel("premoderate_all"),
    ]

    class Meta:
        verbose_name = "comment policy"


class ThreadSettings(models.Model):
    """Per article or section: comments closed, or every comment held for review.

    A section's settings apply to everything under it.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="comment_settings"
    )
    closed = models.BooleanField(default=False)
    premoderated = models.BooleanField(default=False)

    class Meta:
        verbose_name = "thread settings"
        verbose_name_plural = "thread settings"

    def __str__(self):
        return f"Comments on {self.page}"


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        HELD = "held", "Held for review"
        REJECTED = "rejected", "Rejected"
        DELETED = "deleted", "Deleted by its author"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField(max_length=3000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    featured = models.BooleanField(default=False)
    # Deleted by its author while replies hang on it: kept (empty) so its replies stay.
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    respect_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    # What the pipeline found: [{"check", "outcome" ("hold" or "reject"), "reason", "score"}]
    checks = models.JSONField(default=list, blank=True)
    toxicity = models.FloatField(null=True, blank=True)
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why it is held or rejected; shown to its author."
    )
    ip_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # A thread page: one status, top level, not featured, in time order (both ways).
            models.Index(fields=["page", "status", "parent", "featured", "created_at", "id"]),
            # A thread's replies, in order, and their counts.
            models.Index(fields=["parent", "status", "created_at", "id"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return f"{self.author}: {self.body[:60]}"

    @property
    def is_visible(self):
        return self.status == self.Status.PUBLISHED


class Report(models.Model):
    class Reason(models.TextChoices):
        ABUSIVE = "abusive", "Abusive"
        SPAM = "spam", "Spam"
        OFF_TOPIC = "off-topic", "Off-topic"
        OTHER = "other", "Other"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    text = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="comments_report_once")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.reporter})"


class Respect(models.Model):
    """A reader's "respect" for a comment (one each)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "member"], name="comments_respect_once")
        ]

    def __str__(self):
        return f"{self.member} respects {self.comment_id}"
