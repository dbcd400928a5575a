"""Reads for threads, shaped so a page of a 5,000-comment thread costs the same few queries."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

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


def _top_level(page_id):
    return Comment.objects.filter(
        page_id=page_id, status=Comment.Status.PUBLISHED, parent=None, featured=False
    )


def thread_page(*, page_id: int, order: str = "oldest", number=1) -> ThreadPage:
    """Featured comments (first page), then top-level comments, each with its first replies."""
    order = order if order in ORDERS else "oldest"
    top = _top_level(page_id).select_related("author").order_by(*ORDERS[order])
    comments = Paginator(top, settings.HERALD_COMMENTS_PER_PAGE).get_page(number)
    featured = []
    if comments.number == 1:
        featured = list(
            _visible()
            .filter(page_id=page_id, parent=None, featured=True, status=Comment.Status.PUBLISHED)
            .order_by("-created_at")[:10]
        )
    parents = [*featured, *comments.object_list]
    _attach_replies(parents, limit=settings.HERALD_COMMENT_REPLIES_SHOWN)
    return ThreadPage(
        featured=featured, comments=comments, order=order, total=comment_count(page_id)
    )


def _attach_replies(parents, *, limit):
    """Give each parent its first ``limit`` replies and its reply count, in two queries."""
    ids = [c.pk for c in parents]
    first = (
        Comment.objects.filter(parent__in=ids, status=Comment.Status.PUBLISHED)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("parent_id")], order_by=[F("created_at"), F("pk")]
            )
        )
        .filter(position__lte=limit)
        .values("pk")
    )
    # The window runs over ids alone; only the replies shown are joined to their authors.
    replies = (
        Comment.objects.filter(pk__in=first)
        .select_related("author")
        .order_by("parent_id", "created_at", "pk")
    )
    by_parent = {}
    for reply in replies:
        by_parent.setdefault(reply.parent_id, []).append(reply)
    counts = dict(
        Comment.objects.filter(parent__in=ids, status=Comment.Status.PUBLISHED)
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", "n")
    )
    for comment in parents:
        comment.reply_list = by_parent.get(comment.pk, [])
        comment.reply_total = counts.get(comment.pk, 0)


def replies_all(comment):
    return list(
        _visible()
        .filter(parent=comment, status=Comment.Status.PUBLISHED)
        .order_by("created_at", "pk")
    )


def comment_count(page_id) -> int:
    return Comment.objects.filter(page_id=page_id, status=Comment.Status.PUBLISHED).count()


def comment_counts(page_ids, *, hidden=lambda path: False) -> dict[int, int]:
    """Published comments per page, for a whole list of stories in one query. A page that is
    not live, or whose tree path ``hidden`` says readers may not see, counts 0: the count of a
    private page's comments is not for everyone."""
    rows = (
        Comment.objects.filter(
            page_id__in=page_ids, page__live=True, status=Comment.Status.PUBLISHED
        )
        .values("page_id", "page__path")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(page_ids, 0)
    counts.update({row["page_id"]: row["n"] for row in rows if not hidden(row["page__path"])})
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


def pages_commented_by(member) -> list[int]:
    """The pages whose threads show something of ``member`` (name, avatar, comments)."""
    return list(Comment.objects.filter(author=member).values_list("page_id", flat=True).distinct())
