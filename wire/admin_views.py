"""Publish a wire draft straight from the Wire list: one click, with the editor's permissions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .models import WireStory


@require_POST
def publish(request, pk):
    story = get_object_or_404(WireStory.objects.select_related("page"), pk=pk)
    page = story.page
    if page is None:
        messages.error(request, "This wire story's draft was deleted.")
        return redirect("wire:index")
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if page.live:
        messages.info(request, f"“{page.title}” is already published.")
    else:
        page.get_latest_revision().publish(user=request.user)
        messages.success(request, f"“{page.title}” is published.")
    return redirect("wire:index")
