"""Reads for threads, shaped so a page of a 5,000-comment thread costs the same few queries."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count

from .models import Comment

ORDERS = {"oldest": ("created_at", "pk"), "newest": ("-created_at", "-pk")}


@dataclass
class ThreadPage:
    featured: list
    comments: object  # a Paginator page of top-level comments, each with .reply_list
    order: str
    total: int


def _visible():
    return Comment.objects.select_related("author")


def thread_page(*, page_id: int, order: str = "oldest", number=1) -> ThreadPage:
    order = order if order in ORDERS else "oldest"
    top = _visible().filter(
        page_id=page_id,
        parent=None,
        status__in=[Comment.Status.PUBLISHED, Comment.Status.DELETED],
        featured=False,
    )
    comments = Paginator(top.order_by(*ORDERS[order]), settings.HERALD_COMMENTS_PER_PAGE).get_page(
        number
    )
    featured = []
    if comments.number == 1:
        featured = list(
            _visible()
            .filter(page_id=page_id, parent=None, featured=True, status=Comment.Status.PUBLISHED)
            .order_by("-created_at")[:10]
        )
    parents = [*featured, *comments.object_list]
    replies = {}
    for reply in (
        _visible()
        .filter(parent__in=[c.pk for c in parents], status=Comment.Status.PUBLISHED)
        .order_by("created_at", "pk")
    ):
        replies.setdefault(reply.parent_id, []).append(reply)
    for comment in parents:
        comment.reply_list = replies.get(comment.pk, [])
    return ThreadPage(
        featured=featured, comments=comments, order=order, total=comment_count(page_id)
    )


def comment_count(page_id) -> int:
    return Comment.objects.filter(page_id=page_id, status=Comment.Status.PUBLISHED).count()


def comment_counts(page_ids) -> dict[int, int]:
    """Published comments per page, for a whole list of stories in one query."""
    rows = (
        Comment.objects.filter(page_id__in=page_ids, status=Comment.Status.PUBLISHED)
        .values("page_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(page_ids, 0)
    counts.update({row["page_id"]: row["n"] for row in rows})
    return counts


def member_comments_on(*, member, page_id, limit=20):
    """The member's own comments on the page, with their state (for the private form)."""
    return list(
        Comment.objects.filter(author=member, page_id=page_id)
        .exclude(status=Comment.Status.DELETED)
        .order_by("-created_at")[:limit]
    )


def author_history(author_ids) -> dict[int, dict]:
    """Per author: how many comments were published, held and rejected."""
    rows = (
        Comment.objects.filter(author_id__in=author_ids)
        .values("author_id", "status")
        .annotate(n=Count("pk"))
    )
    history = {pk: {"published": 0, "held": 0, "rejected": 0, "deleted": 0} for pk in author_ids}
    for row in rows:
        history[row["author_id"]][row["status"]] = row["n"]
    return history
