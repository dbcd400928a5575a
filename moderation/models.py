"""The one record of moderation decisions, and the word lists every kind of member text is read
against.

A ``Decision`` names who decided (empty for Herald itself), when, on which item (any model: a
comment, a reader story or picture, a listing, a suspension), about which member, what was done
and why. Apps above this one write it through ``services.decision_record`` and read it through
``selectors``; nothing here knows what the items are.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Action(models.TextChoices):
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"
    HOLD = "hold", "Held for review"
    FEATURE = "feature", "Featured"
    UNFEATURE = "unfeature", "No longer featured"
    TAKE_DOWN = "take_down", "Taken down"
    SUSPEND = "suspend", "Suspended"
    LIFT = "lift", "Suspension lifted"


class Reason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    ABUSE = "abuse", "Abusive or insulting"
    HATE = "hate", "Hate speech"
    OFF_TOPIC = "off_topic", "Off-topic"
    PERSONAL_DATA = "personal_data", "Personal information about someone"
    COPYRIGHT = "copyright", "Someone else's work or picture"
    UNVERIFIED = "unverified", "Unverified claims or no sources"
    POLICY = "policy", "Breaks the rules readers agreed to"
    OTHER = "other", "Other"


# Decisions the member must be told the reason for.
NEEDS_REASON = frozenset({Action.REJECT, Action.TAKE_DOWN, Action.SUSPEND})


class Decision(models.Model):
    """A moderator's (or the system's) decision on one item: who, when, what and why."""

    Action = Action
    Reason = Reason
    NEEDS_REASON = NEEDS_REASON

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when Herald decided by itself (the pipeline), or the moderator left.",
    )
    decided_at = models.DateTimeField(default=timezone.now)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
        help_text="The member the decision concerns (the author, contributor, proposer).",
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    standard_reason = models.CharField(max_length=16, choices=Reason.choices, blank=True)
    reason = models.CharField(
        max_length=600, blank=True, help_text="The moderator's own words; the member sees them."
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-decided_at"]),
            models.Index(fields=["member", "-decided_at"]),
            models.Index(fields=["-decided_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=Action.values),
                name="moderation_decision_action_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(action__in=sorted(a.value for a in NEEDS_REASON))
                | ~models.Q(standard_reason="", reason=""),
                name="moderation_decision_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.decided_by or 'Herald'}"

    @property
    def why(self) -> str:
        """The reason as the member reads it: the standard reason, then the moderator's words."""
        return reason_text(self.standard_reason, self.reason)


def reason_text(standard_reason: str, reason: str) -> str:
    """One line for the member: the standard reason, then the moderator's words ("Other" is
    left out when there are words, which say more)."""
    label = dict(Decision.Reason.choices).get(standard_reason, "")
    if standard_reason == Decision.Reason.OTHER and reason:
        label = ""
    parts = [p.strip() for p in (label, reason) if p and p.strip()]
    return ". ".join(part.rstrip(".") if part is not parts[-1] else part for part in parts)


@register_setting(icon="warning")
class WordPolicy(BaseGenericSetting):
    """The words moderators list (Settings → Word lists), read the same way in comments, reader
    stories and pictures (their titles, tags, captions and album names), usernames and display
    names (``words``)."""

    banned_words = models.TextField(
        blank=True,
        help_text="One word or phrase a line. A comment or a name containing one is refused; a "
        "contribution containing one is flagged for the editors.",
    )
    suspect_words = models.TextField(
        blank=True,
        help_text="One word or phrase a line. A comment containing one is held for review; a "
        "contribution containing one is flagged for the editors.",
    )

    panels = [MultiFieldPanel([FieldPanel("banned_words"), FieldPanel("suspect_words")], "Words")]

    class Meta:
        verbose_name = "word lists"
