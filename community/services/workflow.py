"""The review workflow reader contributions go through: Wagtail's workflow with one task,
started when a member sends, decided by an editor, recorded in moderation's one record."""

import logging

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import (
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from moderation.models import Decision
from moderation.services import decision_record

from ..models import ContributionReviewTask, MyNewsIndexPage, ReaderPicture, ReaderStoryPage
from ..selectors import mynews_index_of

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Reader contributions"
REVIEW_GROUPS = ("Moderators", "Editors")


def review_workflow() -> Workflow:
    """The "Reader contributions" workflow, created on first use with its one review task."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = ContributionReviewTask.objects.create(name="Review reader contribution")
        task.groups.set(Group.objects.filter(name__in=REVIEW_GROUPS))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(ReaderPicture),
        defaults={"workflow": workflow},
    )
    return workflow


def mynews_index(site) -> MyNewsIndexPage | None:
    """The site's MyNews index, with the review workflow assigned to it and the reviewer
    groups allowed to publish and unpublish stories under it."""
    index_page = mynews_index_of(site)
    if index_page is None or WorkflowPage.objects.filter(page=index_page).exists():
        return index_page  # set up already: what admins changed since stays changed
    with transaction.atomic():
        WorkflowPage.objects.get_or_create(
            page=index_page, defaults={"workflow": review_workflow()}
        )
        publish = Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        )
        for group in Group.objects.filter(name__in=REVIEW_GROUPS):
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=publish
            )
    return index_page


def _wagtail_mail_off(member):
    """Members hear about decisions from Herald's notifications; Wagtail's own workflow e-mails
    link to the admin, which members cannot open."""
    if member.is_staff:
        return
    profile = UserProfile.get_for_user(member)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def workflow_restart(obj, member):
    """Start review; a refused contribution sent again starts a fresh review."""
    _wagtail_mail_off(member)
    for state in obj.workflow_states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES):
        state.cancel(user=member)
    workflow = obj.get_workflow() or review_workflow()
    try:
        with transaction.atomic():
            workflow.start(obj, member)
    except (IntegrityError, ValidationError):
        # Sent twice at the same moment: the other request started the review (Wagtail's own
        # check says so with a ValidationError, the database's with an IntegrityError).
        if not obj.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
            raise
        logger.info("%s %s is already in review", type(obj).__name__, obj.pk)


def _contribution_of(workflow_state):
    item = workflow_state.content_object
    item = getattr(item, "specific", item)
    return item if isinstance(item, ReaderStoryPage | ReaderPicture) else None


@transaction.atomic
def contribution_review(*, task_state, editor, action: str, reason: str = "", comment: str = ""):
    """An editor's Approve or Refuse in Wagtail's review workflow, recorded with who and why.

    ``reason`` is one of ``HERALD_CONTRIBUTION_REFUSAL_REASONS``, ``comment`` the editor's own
    words; a refusal needs one of them (``forms.RefusalForm``), and the contributor reads both.
    """
    from ..forms import refusal_text

    item = _contribution_of(task_state.workflow_state)
    if action == "reject":
        why = refusal_text(reason, comment)
        task_state.reject(user=editor, comment=why)
        decided = Decision.Action.REJECT
    elif action == "approve":
        why = " ".join((comment or "").split())
        task_state.approve(user=editor, comment=why)
        decided = Decision.Action.APPROVE
    else:
        raise ValidationError(f"Unknown review action {action!r}.")
    if item is not None:
        decision_record(
            item=item,
            action=decided,
            decided_by=editor,
            member=item.contributor,
            reason=why,
        )


@transaction.atomic
def contribution_take_down(item, *, editor, reason: str):
    """Unpublish a published story or picture, recording who and why; the contributor is told
    the reason (``receivers``), and it joins the queue's latest decisions."""
    if not item.live:
        raise ValidationError("This contribution is not published.")
    decision_record(
        item=item,
        action=Decision.Action.TAKE_DOWN,
        decided_by=editor,
        member=item.contributor,
        reason=reason,
    )
    item.unpublish(user=editor)
