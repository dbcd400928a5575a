"""Posting, editing, reporting and moderating comments; each change purges its thread."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.services import member_suspend
from delivery.purge import purge_after_commit
from moderation.models import Decision, reason_text
from moderation.services import decision_record
from notifications.services import notify

from . import pipeline
from .keys import thread_keys
from .models import Comment, Report, Respect


class CommentRefused(Exception):
    def __init__(self, verdict):
        super().__init__(verdict.reason)
        self.verdict = verdict


@dataclass
class Posted:
    comment: Comment
    result: pipeline.Result


def accepts_comments(page) -> bool:
    return bool(getattr(page.specific_class, "accepts_comments", False))


def _page_url(page):
    return page.specific_deferred.get_full_url() or ""


def comment_url(comment):
    return f"{_page_url(comment.page)}#comment-{comment.pk}"


def comment_post(*, member, page, body: str, parent=None, ip: str = "") -> Posted:
    """Run the pipeline and save the comment (published or held); raise CommentRefused.

    The pipeline runs before any transaction opens (a hosted scorer may take its timeout), and
    a refusal for what the comment says is kept on the member's record before it is raised.
    """
    if not member.has_profile:
        raise PermissionDenied("Create your profile to comment.")
    if parent is not None:
        if parent.page_id != page.pk or parent.status != Comment.Status.PUBLISHED:
            raise ValidationError("You can only reply to a published comment on this story.")
    replied_to = parent
    if parent is not None:
        parent = parent.parent or parent  # replies are one level deep
    draft = pipeline.Draft(body=body.strip(), member=member, page=page, ip=ip)
    result = pipeline.run(draft)
    if result.rejection:
        if result.rejection.check in pipeline.RECORDED_REFUSALS:
            _comment_create(draft, parent, result)  # never shown, but on the member's record
        raise CommentRefused(result.rejection)
    with transaction.atomic():
        comment = _comment_create(draft, parent, result)
        pipeline.rate_limit_count(draft)
        if comment.status == Comment.Status.PUBLISHED:
            _published(comment, replied_to=replied_to)
    return Posted(comment, result)


def _comment_create(draft, parent, result):
    """The comment as the pipeline decided: published, held, or rejected (kept, not shown)."""
    return Comment.objects.create(
        page=draft.page,
        parent=parent,
        author=draft.member,
        body=draft.body,
        status=result.status,
        checks=[v.as_record() for v in result.verdicts],
        toxicity=result.toxicity,
        reason=_hold_reason(result),
        ip_hash=pipeline.ip_hash(draft.ip) if draft.ip else "",
    )


def _hold_reason(result):
    """Why the comment is not shown, for its author."""
    if result.rejection:
        return result.rejection.reason
    if result.status == Comment.Status.HELD:
        return "Awaiting review by a moderator."
    return ""


def _published(comment, *, replied_to=None):
    purge_after_commit(thread_keys(comment.page_id))
    parent = replied_to or comment.parent
    if parent is not None and parent.author_id and parent.author_id != comment.author_id:
        name = comment.author.public_name if comment.author else "Someone"
        notify(
            parent.author,
            f"{name} replied to your comment on “{comment.page.title}”",
            comment_url(comment),
        )


def can_edit(member, comment, *, now=None) -> bool:
    now = now or timezone.now()
    window = timezone.timedelta(minutes=settings.HERALD_COMMENT_EDIT_MINUTES)
    return (
        comment.author_id == member.pk
        and comment.status in (Comment.Status.PUBLISHED, Comment.Status.HELD)
        and now - comment.created_at <= window
    )


def comment_edit(*, member, comment, body: str) -> Posted:
    if not can_edit(member, comment):
        raise PermissionDenied("This comment can no longer be edited.")
    draft = pipeline.Draft(body=body.strip(), member=member, page=comment.page, editing=comment)
    result = pipeline.run(draft)  # before the transaction: a hosted scorer may be slow
    if result.rejection:
        raise CommentRefused(result.rejection)
    with transaction.atomic():
        return _comment_revise(comment, draft, result)


def _comment_revise(comment, draft, result):
    was_visible = comment.is_visible
    comment.body = draft.body
    comment.edited_at = timezone.now()
    comment.toxicity = result.toxicity
    if comment.status == Comment.Status.HELD:
        # Held stays held: an edit must not slip past the review it waits for.
        comment.checks = [*comment.checks, *(v.as_record() for v in result.verdicts)]
    else:
        comment.status = result.status
        comment.checks = [v.as_record() for v in result.verdicts]
        comment.reason = _hold_reason(result)
    comment.save()
    if was_visible or comment.is_visible:
        purge_after_commit(thread_keys(comment.page_id))
    return Posted(comment, result)


@transaction.atomic
def comment_delete(*, member, comment):
    if (
        comment.author_id != member.pk
        or comment.status == Comment.Status.DELETED
        or comment.withdrawn
    ):
        raise PermissionDenied("You can only delete your own comments.")
    has_replies = comment.replies.filter(status=Comment.Status.PUBLISHED).exists()
    if has_replies and comment.is_visible:
        comment.withdrawn = True  # stays in the thread, empty, so its replies keep their place
    else:
        comment.status = Comment.Status.DELETED
    comment.body = ""
    comment.featured = False
    comment.save(update_fields=["status", "body", "featured", "withdrawn"])
    purge_after_commit(thread_keys(comment.page_id))


@transaction.atomic
def comment_report(*, member, comment, reason: str, text: str = "") -> bool:
    """Report a comment once; enough reports from different members hide it for review."""
    if comment.author_id == member.pk:
        raise PermissionDenied("You cannot report your own comment.")
    _, created = Report.objects.get_or_create(
        comment=comment, reporter=member, defaults={"reason": reason, "text": text[:500]}
    )
    if not created:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count", "status"])
    if (
        comment.status == Comment.Status.PUBLISHED
        and comment.report_count >= settings.HERALD_COMMENT_REPORTS_TO_HIDE
    ):
        comment.status = Comment.Status.HELD
        comment.reason = "Hidden after readers' reports, until a moderator reviews it."
        comment.save(update_fields=["status", "reason"])
        purge_after_commit(thread_keys(comment.page_id))
    return True


@transaction.atomic
def comment_respect(*, member, comment) -> bool:
    """Toggle the member's respect; returns whether they now respect it."""
    if not comment.is_visible:
        raise PermissionDenied("You can only respect a published comment.")
    deleted, _ = Respect.objects.filter(comment=comment, member=member).delete()
    if deleted:
        Comment.objects.filter(pk=comment.pk).update(respect_count=F("respect_count") - 1)
    else:
        try:
            with transaction.atomic():
                Respect.objects.create(comment=comment, member=member)
        except IntegrityError:  # a double click: the other request counted it
            return True
        Comment.objects.filter(pk=comment.pk).update(respect_count=F("respect_count") + 1)
    purge_after_commit(thread_keys(comment.page_id))
    return not deleted


ACTIONS = {
    Decision.Action.APPROVE,
    Decision.Action.REJECT,
    Decision.Action.FEATURE,
    Decision.Action.UNFEATURE,
    Decision.Action.SUSPEND,
}


@transaction.atomic
def comments_moderate(
    *, moderator, comments, action: str, standard_reason: str = "", reason: str = "", until=None
):
    """A moderator's decision on one or more comments, each recorded with who, when and why.

    Suspending is a decision about the author, not the comment: one suspension (and one
    decision, ``accounts.services.member_suspend``) per author, however many of their comments
    were ticked.
    """
    if action not in ACTIONS:
        raise ValidationError(f"Unknown action {action!r}")
    if standard_reason and standard_reason not in Decision.Reason.values:
        raise ValidationError("Choose a reason from the list.")
    reason = " ".join(reason.split())[:300]
    why = reason_text(standard_reason, reason)
    if action in Decision.NEEDS_REASON and not why:
        raise ValidationError("Give a reason: the member sees it.")
    suspended = set()
    for comment in comments:
        if action == Decision.Action.SUSPEND:
            if comment.author_id and comment.author_id not in suspended:
                member_suspend(
                    member=comment.author,
                    by=moderator,
                    standard_reason=standard_reason,
                    reason=reason,
                    until=until,
                )
                suspended.add(comment.author_id)
        else:
            _decide(comment, action, why[:300])
            decision_record(
                item=comment,
                action=action,
                decided_by=moderator,
                member=comment.author,
                standard_reason=standard_reason,
                reason=reason,
            )
        purge_after_commit(thread_keys(comment.page_id))


def _decide(comment, action, reason):
    was_visible = comment.is_visible
    if action == "approve":
        # Reports so far are answered: only new reporters count towards hiding it again.
        comment.status, comment.reason, comment.report_count = Comment.Status.PUBLISHED, "", 0
    elif action == "reject":
        comment.status, comment.reason, comment.featured = Comment.Status.REJECTED, reason, False
    elif action == "feature":
        comment.status, comment.reason, comment.featured = Comment.Status.PUBLISHED, "", True
    elif action == "unfeature":
        comment.featured = False
    comment.save(update_fields=["status", "reason", "featured", "report_count"])
    author, title = comment.author, comment.page.title
    if author is None:
        return
    if action == "approve" and not was_visible:
        notify(author, f"Your comment on “{title}” was approved.", comment_url(comment))
        if comment.parent_id:
            _published(comment)
    elif action == "reject":
        notify(author, f"Your comment on “{title}” was rejected: {reason}", _page_url(comment.page))
    elif action == "feature":
        notify(author, f"Your comment on “{title}” is featured.", comment_url(comment))


def member_export(member):
    return [
        {
            "page": _page_url(c.page),
            "body": c.body,
            "status": c.status,
            "created_at": c.created_at.isoformat(),
            "reason": c.reason,
        }
        for c in Comment.objects.filter(author=member).select_related("page")
    ]


def member_erase(member, *, mode):
    comments = Comment.objects.filter(author=member)
    page_ids = set(comments.values_list("page_id", flat=True))
    if mode == "remove":
        # Others' replies stay: a comment they answered is emptied and detached, not deleted.
        others = Comment.objects.filter(parent__in=comments).exclude(author=member)
        answered = list(others.values_list("parent_id", flat=True).distinct())
        Comment.objects.filter(pk__in=answered).update(
            author=None, body="", withdrawn=True, featured=False
        )
        Comment.objects.filter(author=member).delete()
    else:
        comments.update(author=None)
    purge_after_commit(thread_keys(*page_ids))
