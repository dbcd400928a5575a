import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from accounts.selectors import suspension_active
from delivery.cache import cache_publicly, signed_in_member
from delivery.sites import site_id_for_host
from newsroom.keys import page_keys, site_keys
from newsroom.restrictions import is_restricted, is_restricted_path
from ratelimits.answers import too_many_requests

from . import pipeline, selectors, services
from .forms import CommentForm, ReportForm
from .keys import thread_keys
from .models import Comment

IDS = re.compile(r"^\d{1,10}(,\d{1,10}){0,99}$")


def _thread_shown_keys(request, *page_ids):
    """A thread shows its comments and its story (the title, whether it is still live), and
    whether the site still shows that story to everyone (a section restricted above it)."""
    site_id = site_id_for_host(request.get_host())
    return [
        *thread_keys(*page_ids),
        *(key for pk in page_ids for key in page_keys(pk)),
        *site_keys(site_id),
    ]


def _thread_page(page_id):
    """The live, public page a thread belongs to, or 404."""
    page = Page.objects.live().filter(pk=page_id).select_related("content_type").first()
    if page is None or is_restricted(page) or not services.accepts_comments(page):
        raise Http404("No such story")
    return page


@require_safe
def thread_fragment(request, page_id):
    """The thread, the same for everyone: public, cacheable, purged when it changes."""
    page = _thread_page(page_id)
    thread = selectors.thread_page(
        page_id=page.pk, order=request.GET.get("order", "oldest"), number=request.GET.get("page")
    )
    response = render(request, "comments/thread.html", {"page": page, "thread": thread})
    return cache_publicly(response, keys=_thread_shown_keys(request, page.pk))


@require_safe
def replies_page(request, comment_id):
    """A comment with all its replies (threads show the first few)."""
    comment = get_object_or_404(
        Comment.objects.select_related("author"),
        pk=comment_id,
        parent=None,
        status=Comment.Status.PUBLISHED,
    )
    page = _thread_page(comment.page_id)
    comment.reply_list = selectors.replies_all(comment)
    comment.reply_total = len(comment.reply_list)
    response = render(request, "comments/replies_page.html", {"page": page, "comment": comment})
    return cache_publicly(response, keys=_thread_shown_keys(request, page.pk))


@never_cache
@require_safe
def form_fragment(request, page_id):
    """The comment form (or why there is none) and the member's own comments: private."""
    page = _thread_page(page_id)
    return render(request, "comments/form.html", _form_context(request, page, CommentForm()))


def _form_context(request, page, form, refusal=None):
    member = signed_in_member(request)
    context = {"page": page, "form": form, "refusal": refusal, "member": member}
    context["closed"] = pipeline.thread_is_closed(page)
    if member:
        context["suspension"] = suspension_active(member)
        mine = selectors.member_comments_on(member=member, page_id=page.pk)
        context["mine"] = [(c, services.can_edit(member, c)) for c in mine]
    return context


@require_safe
def comments_page(request, page_id):
    """The plain comments page: thread and form, for readers without JavaScript."""
    page = _thread_page(page_id)
    thread = selectors.thread_page(
        page_id=page.pk, order=request.GET.get("order", "oldest"), number=request.GET.get("page")
    )
    form = CommentForm(initial={"parent": request.GET.get("reply")})
    context = {**_form_context(request, page, form), "thread": thread, "standalone": True}
    response = render(request, "comments/comments_page.html", context)
    return cache_publicly(response, keys=_thread_shown_keys(request, page.pk))


@require_POST
@login_required
def comment_post(request, page_id):
    page = _thread_page(page_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _refused(request, page, form, "Check your comment and send it again.", 400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            return _refused(request, page, form, "The comment you replied to is gone.", 400)
    try:
        posted = services.comment_post(
            member=request.user,
            page=page,
            body=form.cleaned_data["body"],
            parent=parent,
            ip=pipeline.client_ip(request),
        )
    except services.CommentRefused as refusal:
        verdict = refusal.verdict
        response = _refused(request, page, form, verdict.reason, 400)
        if verdict.retry_after:
            return too_many_requests(response, verdict.retry_after)
        return response
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, page, form, _message(error), 403)
    comment = posted.comment
    if comment.status == Comment.Status.HELD:
        messages.info(request, "Thanks! Your comment is awaiting review by a moderator.")
    else:
        messages.success(request, "Your comment is published.")
    return redirect(f"{_page_url(request, page)}#comment-{comment.pk}")


def _page_url(request, page):
    """Where to go back to after a POST: a path on the origin the form was posted from (an
    address on another origin would break the page's ``form-action 'self'``); a full URL only
    for a page of another site."""
    return page.specific_deferred.get_url(request) or "/"


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You cannot do that."


def _refused(request, page, form, message, status):
    """Show the form again with the reason, keeping everything typed."""
    context = {**_form_context(request, page, form, refusal=message), "standalone": True}
    context["thread"] = selectors.thread_page(page_id=page.pk)
    return render(request, "comments/comments_page.html", context, status=status)


def _own_comment(request, comment_id):
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    if comment.author_id != request.user.pk:
        raise Http404("Not your comment")
    return comment


@never_cache
@login_required
def comment_edit(request, comment_id):
    comment = _own_comment(request, comment_id)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    refusal = None
    # Past the edit window the page shows the comment and says editing has closed; text sent
    # then is shown back, not saved.
    closed = not services.can_edit(request.user, comment)
    if not closed and request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                member=request.user, comment=comment, body=form.cleaned_data["body"]
            )
        except services.CommentRefused as error:
            refusal = error.verdict.reason
        else:
            messages.success(request, "Your comment is updated.")
            return redirect(f"{_page_url(request, comment.page)}#comment-{comment.pk}")
    status = 200
    if request.method == "POST":
        status = 403 if closed else 400  # a saved edit has redirected
    context = {
        "form": form,
        "comment": comment,
        "refusal": refusal,
        "closed": closed,
        "edit_minutes": settings.HERALD_COMMENT_EDIT_MINUTES,
    }
    return render(request, "comments/edit.html", context, status=status)


@require_POST
@login_required
def comment_delete(request, comment_id):
    comment = _own_comment(request, comment_id)
    services.comment_delete(member=request.user, comment=comment)
    messages.success(request, "Your comment is deleted.")
    return redirect(f"{_page_url(request, comment.page)}#comments")


@never_cache
@login_required
def comment_report(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("page", "author"),
        pk=comment_id,
        status=Comment.Status.PUBLISHED,
    )
    _thread_page(comment.page_id)  # only comments on stories anyone may read
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(
                member=request.user,
                comment=comment,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: moderators will look at this comment.")
            return redirect(f"{_page_url(request, comment.page)}#comments")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "comments/report.html", {"form": form, "comment": comment}, status=status
    )


@never_cache
@login_required
def comment_respect(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("page"), pk=comment_id, status=Comment.Status.PUBLISHED
    )
    _thread_page(comment.page_id)
    if request.method != "POST":
        return render(request, "comments/respect.html", {"comment": comment})
    respected = services.comment_respect(member=request.user, comment=comment)
    if request.headers.get("Accept") == "application/json":
        comment.refresh_from_db(fields=["respect_count"])
        return JsonResponse({"respected": respected, "count": comment.respect_count})
    return redirect(f"{_page_url(request, comment.page)}#comment-{comment.pk}")


@require_safe
def comment_counts(request):
    """Published comments per story for ?ids=1,2,3 (list pages' count badges)."""
    ids = request.GET.get("ids", "")
    if not IDS.match(ids):
        return JsonResponse({"detail": "ids: up to 100 comma-separated page ids"}, status=400)
    page_ids = sorted({int(i) for i in ids.split(",")})
    counts = selectors.comment_counts(page_ids, hidden=is_restricted_path)
    response = JsonResponse({"counts": {str(k): v for k, v in counts.items()}})
    return cache_publicly(response, keys=_thread_shown_keys(request, *page_ids))
