"""The moderation desk in the Wagtail admin: queues, context, decisions in bulk."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from moderation.models import Decision
from moderation.selectors import decisions_for_items, decisions_for_members

from . import selectors, services
from .models import Comment, Report

QUEUES = {
    "pending": ("Pending review", {"status": Comment.Status.HELD}, ("created_at", "pk")),
    "reported": ("Reported", {"report_count__gt": 0}, ("-report_count", "created_at")),
    "featured": ("Featured", {"featured": True}, ("-created_at",)),
    "recent": ("All recent", {}, ("-created_at", "-pk")),
}
SUSPENSIONS = {"1": 1, "7": 7, "30": 30, "forever": None}


def desk(request):
    if not request.user.has_perm("comments.change_comment"):
        raise PermissionDenied("Only moderators may use the comment desk.")
    queue = request.GET.get("queue", "pending")
    queue = queue if queue in QUEUES else "pending"
    if request.method == "POST":
        return _decide(request, queue)
    title, filters, order = QUEUES[queue]
    comments = (
        Comment.objects.filter(**filters)
        .exclude(status=Comment.Status.DELETED)
        .select_related("author", "page", "parent", "parent__author")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.select_related("reporter")),
        )
        .order_by(*order)
    )
    items = Paginator(comments, 50).get_page(request.GET.get("p"))
    authors = {c.author_id for c in items if c.author_id}
    history = selectors.author_history(authors)
    decisions = decisions_for_items(Comment, [c.pk for c in items])
    for comment in items:
        comment.decision_list = decisions[comment.pk]
    return TemplateResponse(
        request,
        "comments/admin/desk.html",
        {
            "queue": queue,
            "queues": [(key, label) for key, (label, _, _) in QUEUES.items()],
            "title": title,
            "items": items,
            "history": history,
            "member_decisions": decisions_for_members(authors),
            "reasons": Decision.Reason.choices,
            "counts": {
                key: Comment.objects.filter(**f).exclude(status=Comment.Status.DELETED).count()
                for key, (_, f, _) in QUEUES.items()
                if key != "recent"
            },
        },
    )


def _decide(request, queue):
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    action = request.POST.get("action", "")
    reason = (request.POST.get("reason") or "").strip()
    standard_reason = request.POST.get("standard_reason", "")
    comments = list(Comment.objects.filter(pk__in=ids).select_related("author", "page"))
    back = redirect(f"{request.path}?queue={queue}")
    if not comments:
        messages.error(request, "Tick at least one comment.")
        return back
    until = None
    if action == "suspend":
        days = SUSPENSIONS.get(request.POST.get("suspend_for", "7"), 7)
        until = timezone.now() + datetime.timedelta(days=days) if days else None
    try:
        services.comments_moderate(
            moderator=request.user,
            comments=comments,
            action=action,
            standard_reason=standard_reason,
            reason=reason,
            until=until,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    label = dict(Decision.Action.choices).get(action, action)
    messages.success(
        request, f"{label}: {len(comments)} comment{'s' if len(comments) > 1 else ''}."
    )
    return back
