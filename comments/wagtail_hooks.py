from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, selectors
from .keys import thread_keys
from .models import ThreadSettings


@hooks.register("register_admin_urls")
def comment_desk_urls():
    return [path("comments/", admin_views.desk, name="comments_desk")]


class CommentDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("comments.change_comment")


@hooks.register("register_admin_menu_item")
def comment_desk_menu_item():
    return CommentDeskMenuItem("Comments", reverse("comments_desk"), icon_name="comment", order=250)


class ThreadSettingsViewSet(SnippetViewSet):
    model = ThreadSettings
    icon = "lock"
    menu_label = "Comment threads"
    list_display = ["page", "closed", "premoderated"]
    add_to_admin_menu = False


register_snippet(ThreadSettingsViewSet)


@hooks.register("herald_member_shown_keys")
def threads_showing_member(member):
    return thread_keys(*selectors.pages_commented_by(member))
