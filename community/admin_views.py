"""Admin → Contributions: the queue of reader stories and pictures waiting for an editor.

Publishing and refusing happen in Wagtail's own editor (the workflow's Publish and Refuse
actions), where editors can also change the text first; this page lists what waits, oldest
first, with each contributor's record and the latest decisions.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from wagtail.admin.admin_url_finder import AdminURLFinder

from . import selectors


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
