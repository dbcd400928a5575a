"""Reading reader contributions: lists, a contributor's states, the editors' queue."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from wagtail.models import TaskState, WorkflowState

from moderation.models import Decision
from moderation.selectors import decisions_latest, decisions_recent

from .models import MyNewsIndexPage, ReaderPicture, ReaderStoryPage


def mynews_index_of(site):
    """The site's MyNews index page, or None (read only; see services.mynews_index)."""
    if site is None:
        return None
    return MyNewsIndexPage.objects.child_of(site.root_page).first()


def stories_published(*, index_page):
    return (
        ReaderStoryPage.objects.child_of(index_page)
        .live()
        .select_related("contributor", "place")
        .order_by("-first_published_at", "-pk")
    )


def stories_latest(*, site, limit=5):
    if site is None:
        return []
    return list(
        ReaderStoryPage.objects.descendant_of(site.root_page)
        .live()
        .select_related("contributor")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def responses_to(article, *, limit=20):
    return list(
        ReaderStoryPage.objects.live()
        .filter(in_response_to=article)
        .select_related("contributor")
        .order_by("first_published_at")[:limit]
    )


def pictures_published(*, site=None, contributor=None, album=None):
    pictures = ReaderPicture.objects.filter(live=True).select_related("image", "contributor")
    if site is not None:
        pictures = pictures.filter(site=site)
    if contributor is not None:
        pictures = pictures.filter(contributor=contributor)
    if album is not None:
        pictures = pictures.filter(album=album)
    return pictures.prefetch_related("image__renditions").order_by("-first_published_at", "-pk")


# Where a contribution stands ------------------------------------------------------------------


class ContributionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    REFUSED = "refused", "Refused"
    UNPUBLISHED = "unpublished", "Unpublished by the editors"


# The one rule of what a member may still change (and send again, or delete): whatever is
# neither live nor with the editors. My submissions offers it, and the services enforce it.
MEMBER_EDITABLE = frozenset(
    {ContributionState.DRAFT, ContributionState.REFUSED, ContributionState.UNPUBLISHED}
)


@dataclass
class Standing:
    item: object
    kind: str  # "story" or "picture"
    state: ContributionState
    reason: str = ""

    @property
    def label(self):
        return ContributionState(self.state).label

    @property
    def editable(self) -> bool:
        return self.state in MEMBER_EDITABLE


def _latest_workflow_states(model, ids):
    if not ids:
        return {}
    states = (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(i) for i in ids],
        )
        .exclude(status=WorkflowState.STATUS_CANCELLED)
        .order_by("created_at", "pk")
    )
    latest = {}
    for state in states:
        latest[int(state.object_id)] = state
    return latest


def _refusal_reasons(states):
    rejected = TaskState.objects.filter(
        workflow_state__in=states, status=TaskState.STATUS_REJECTED
    ).order_by("finished_at", "pk")
    return {ts.workflow_state_id: ts.comment for ts in rejected}


def take_downs_of(model, ids) -> dict[int, Decision]:
    """The latest take-down decision on each of these stories or pictures (one query)."""
    return decisions_latest(model, ids, action=Decision.Action.TAKE_DOWN)


def take_down_reason(item, take_down=None) -> str:
    """Why the editors took ``item`` down, if they did so through the desk since it was last
    published ("" after an unpublish in Wagtail's own menu, which asks no reason)."""
    if take_down is None:
        take_down = take_downs_of(type(item), [item.pk]).get(item.pk)
    if take_down is None or item.live:
        return ""
    published = item.last_published_at
    return take_down.why if published is None or take_down.decided_at >= published else ""


def _standing(item, kind, state, reasons, take_down=None):
    if item.live:
        return Standing(item, kind, ContributionState.PUBLISHED)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        revision = item.latest_revision
        edited = revision is not None and revision.user_id not in (None, item.contributor_id)
        state = ContributionState.IN_REVIEW if edited else ContributionState.SUBMITTED
        return Standing(item, kind, state)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Standing(item, kind, ContributionState.REFUSED, reasons.get(state.pk, ""))
    if item.first_published_at is not None:
        reason = take_down_reason(item, take_down)
        return Standing(item, kind, ContributionState.UNPUBLISHED, reason)
    return Standing(item, kind, ContributionState.DRAFT)


def submissions_of(member) -> list[Standing]:
    """The member's stories and pictures, newest first, each with its state."""
    stories = list(
        ReaderStoryPage.objects.filter(contributor=member)
        .select_related("latest_revision", "in_response_to")
        .order_by("-pk")
    )
    pictures = list(
        ReaderPicture.objects.filter(contributor=member)
        .select_related("latest_revision", "image")
        .prefetch_related("image__renditions")
        .order_by("-pk")
    )
    story_states = _latest_workflow_states(ReaderStoryPage, [s.pk for s in stories])
    picture_states = _latest_workflow_states(ReaderPicture, [p.pk for p in pictures])
    reasons = _refusal_reasons([*story_states.values(), *picture_states.values()])
    story_downs = take_downs_of(ReaderStoryPage, [s.pk for s in stories])
    picture_downs = take_downs_of(ReaderPicture, [p.pk for p in pictures])
    return [
        *(
            _standing(s, "story", story_states.get(s.pk), reasons, story_downs.get(s.pk))
            for s in stories
        ),
        *(
            _standing(p, "picture", picture_states.get(p.pk), reasons, picture_downs.get(p.pk))
            for p in pictures
        ),
    ]


def standing_of(item) -> Standing:
    model = type(item)
    kind = "picture" if model is ReaderPicture else "story"
    states = _latest_workflow_states(
        ReaderPicture if kind == "picture" else ReaderStoryPage, [item.pk]
    )
    reasons = _refusal_reasons(list(states.values()))
    return _standing(
        item, kind, states.get(item.pk), reasons, take_downs_of(model, [item.pk]).get(item.pk)
    )


# The editors' queue ---------------------------------------------------------------------------


@dataclass
class History:
    published: int = 0
    refused: int = 0


def contributor_history(member_ids) -> dict[int, History]:
    """How many of each contributor's stories and pictures were ever published, and how many
    times editors refused them."""
    histories = {i: History() for i in member_ids}
    for model in (ReaderStoryPage, ReaderPicture):
        rows = (
            model.objects.filter(contributor_id__in=member_ids)
            .values("contributor_id")
            .annotate(published=Count("pk", filter=Q(first_published_at__isnull=False)))
        )
        for row in rows:
            histories[row["contributor_id"]].published += row["published"]
    refused = (
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__requested_by_id__in=member_ids,
            workflow_state__content_type__in=ContentType.objects.get_for_models(
                ReaderStoryPage, ReaderPicture
            ).values(),
        )
        .values("workflow_state__requested_by_id")
        .annotate(n=Count("pk"))
    )
    for row in refused:
        histories[row["workflow_state__requested_by_id"]].refused += row["n"]
    return histories


def review_queue():
    """Contributions waiting for an editor, oldest first."""
    story_type = ContentType.objects.get_for_model(ReaderStoryPage)
    picture_type = ContentType.objects.get_for_model(ReaderPicture)
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type__in=[story_type, picture_type],
        )
        .select_related("requested_by")
        .order_by("created_at", "pk")
    )
    story_ids = [int(s.object_id) for s in states if s.content_type_id == story_type.pk]
    picture_ids = [int(s.object_id) for s in states if s.content_type_id == picture_type.pk]
    stories = ReaderStoryPage.objects.filter(pk__in=story_ids).select_related("in_response_to")
    pictures = ReaderPicture.objects.filter(pk__in=picture_ids).select_related("image")
    by_key = {("story", s.pk): s for s in stories}
    by_key.update({("picture", p.pk): p for p in pictures.prefetch_related("image__renditions")})
    items = []
    for state in states:
        kind = "story" if state.content_type_id == story_type.pk else "picture"
        item = by_key.get((kind, int(state.object_id)))
        if item is not None:
            items.append((state, kind, item))
    return items


def recent_decisions(limit=20) -> list[Decision]:
    """The latest approvals, refusals and take-downs of contributions: who, when, why."""
    return decisions_recent([ReaderStoryPage, ReaderPicture], limit=limit)
