from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, selectors, services
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


# What comments add to the newsroom's pages (read in newsroom.extensions) and to the member's
# account (read in accounts.extensions).


@hooks.register("herald_article_includes")
def thread_under_article(page):
    return "comments/includes/thread_slot.html"


@hooks.register("herald_head_includes")
def comments_head():
    return "comments/includes/head.html"


@hooks.register("herald_member_exporters")
def comments_export(member):
    return {"comments": services.member_export(member)}


@hooks.register("herald_member_erasers")
def comments_erase(member, *, mode):
    services.member_erase(member, mode=mode)


@hooks.register("herald_demo_builders")
def comments_demo(*, seed):
    """The demo network's comments under the demo's articles (read in herald.demo)."""
    from .demo import demo_comments_build  # the demo's data only when a demo is built

    demo_comments_build(seed=seed)
