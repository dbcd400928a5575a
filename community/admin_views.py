"""Admin → Contributions: the queue of reader stories and pictures waiting for an editor.

Publishing and refusing happen in Wagtail's own editor (the workflow's Publish and Refuse
actions), where editors can also change the text first; this page lists what waits, oldest
first, with each contributor's record and the latest decisions. Taking published work down
with a reason for the contributor is the one decision made here (``take_down``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.admin.admin_url_finder import AdminURLFinder

from . import selectors, services
from .forms import RefusalForm, refusal_text
from .models import ReaderPicture, ReaderStoryPage

TAKE_DOWN_MODELS = {"story": ReaderStoryPage, "picture": ReaderPicture}


def can_review(user) -> bool:
    return user.has_perm("community.change_readerpicture")


def queue(request):
    if not can_review(request.user):
        raise PermissionDenied
    finder = AdminURLFinder(request.user)
    items = selectors.review_queue()
    histories = selectors.contributor_history(
        {state.requested_by_id for state, _kind, _item in items if state.requested_by_id}
    )
    rows = [
        {
            "state": state,
            "kind": kind,
            "item": item,
            "edit_url": finder.get_edit_url(item),
            "history": histories.get(state.requested_by_id),
        }
        for state, kind, item in items
    ]
    return render(
        request,
        "community/admin/queue.html",
        {"rows": rows, "decisions": selectors.recent_decisions()},
    )


@require_http_methods(["GET", "POST"])
def take_down(request, kind, pk):
    if not can_review(request.user):
        raise PermissionDenied
    model = TAKE_DOWN_MODELS.get(kind)
    if model is None:
        raise Http404("Not a kind of contribution")
    item = get_object_or_404(model, pk=pk)
    if not item.live:
        messages.info(request, "That contribution is not published; there is nothing to take down.")
        return redirect("contributions_queue")
    form = RefusalForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        reason = refusal_text(form.cleaned_data["reason"], form.cleaned_data["comment"])
        try:
            services.contribution_take_down(item, editor=request.user, reason=reason)
        except ValidationError:  # another editor took it down a moment ago
            messages.info(request, "That contribution was already taken down.")
            return redirect("contributions_queue")
        messages.success(request, "Taken down. The contributor has been told why.")
        return redirect("contributions_queue")
    return render(
        request,
        "community/admin/take_down.html",
        {"form": form, "item": item, "kind": kind},
        status=400 if form.is_bound else 200,
    )
