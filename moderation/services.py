"""The one write path of moderation decisions: every app that decides on something a member
sent (a comment, a story, a picture, a listing) or on the member (a suspension) records it here,
inside its own transaction, so the decision commits or rolls back with the change it explains."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Decision

REASON_MAX = Decision._meta.get_field("reason").max_length


def decision_record(
    *,
    item,
    action: str,
    decided_by,
    member=None,
    standard_reason: str = "",
    reason: str = "",
    decided_at=None,
) -> Decision:
    """Record that ``decided_by`` (None: Herald itself) took ``action`` on ``item`` about
    ``member``, and why.

    Refusals, take-downs and suspensions need a reason, standard or written: the member is told
    it, and the invariant "a decision is recorded with who, when and why" holds in the database
    too (a check constraint).
    """
    if action not in Decision.Action.values:
        raise ValidationError(f"Unknown decision {action!r}.", code="action")
    if standard_reason and standard_reason not in Decision.Reason.values:
        raise ValidationError(f"Unknown reason {standard_reason!r}.", code="standard_reason")
    reason = " ".join((reason or "").split())[:REASON_MAX]
    if action in Decision.NEEDS_REASON and not (standard_reason or reason):
        raise ValidationError("Give a reason: the member sees it.", code="reason_required")
    return Decision.objects.create(
        content_type=ContentType.objects.get_for_model(type(item), for_concrete_model=False),
        object_id=item.pk,
        action=action,
        decided_by=decided_by if getattr(decided_by, "pk", None) else None,
        member=member,
        standard_reason=standard_reason,
        reason=reason,
        decided_at=decided_at or timezone.now(),
    )
