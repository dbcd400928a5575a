from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, services
from .models import ReaderPicture


@hooks.register("register_admin_urls")
def contribution_queue_urls():
    return [
        path("contributions/", admin_views.queue, name="contributions_queue"),
        path(
            "contributions/take-down/<str:kind>/<int:pk>/",
            admin_views.take_down,
            name="contributions_take_down",
        ),
    ]


class ContributionsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_review(request.user)


@hooks.register("register_admin_menu_item")
def contributions_menu_item():
    return ContributionsMenuItem(
        "Contributions", reverse("contributions_queue"), icon_name="tasks", order=240
    )


class ReaderPictureViewSet(SnippetViewSet):
    model = ReaderPicture
    icon = "image"
    menu_label = "Reader pictures"
    list_display = ["caption", "contributor", "live", "submitted_at"]
    list_filter = ["live"]
    search_fields = ["caption"]
    add_to_admin_menu = False


register_snippet(ReaderPictureViewSet)


@hooks.register("herald_member_shown_keys")
def contributions_showing_member(member):
    return services.contributions_shown_keys(member)
