from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsroom.models import ArticlePage

from . import admin_views, multimedia, profile, services
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


# What community adds to the newsroom's pages (read in newsroom.extensions and
# sitesearch.types) and to the member's account (read in accounts.extensions).


@hooks.register("herald_home_subpage_types")
def mynews_under_home():
    return ["community.MyNewsIndexPage"]


@hooks.register("herald_multimedia_links")
def community_multimedia_links():
    return [("User Galleries", "/galleries/"), ("MyNews: reader stories", "/mynews/")]


@hooks.register("herald_multimedia_kinds")
def reader_pictures_in_multimedia():
    return [multimedia.reader_pictures_kind()]


@hooks.register("herald_home_includes")
def mynews_on_home():
    return "community/includes/home_mynews.html"


@hooks.register("herald_search_types")
def reader_stories_searched():
    return [("reader", "Reader stories", "community.ReaderStoryPage")]


# First under an article, above its comments.
@hooks.register("herald_article_includes", order=-1)
def responses_under_article(page):
    """Readers respond to newsroom articles, not to other readers' stories."""
    return "community/includes/responses.html" if isinstance(page, ArticlePage) else None


@hooks.register("herald_member_exporters")
def contributions_export(member):
    return {"contributions": services.member_export(member)}


@hooks.register("herald_member_erasers")
def contributions_erase(member, *, mode):
    services.member_erase(member, mode=mode)


hooks.register("herald_profile_sections", profile.stories_section)
hooks.register("herald_profile_sections", profile.pictures_section)


@hooks.register("herald_demo_builders")
def community_demo(*, seed):
    """The demo network's MyNews stories, pictures and albums (read in herald.demo)."""
    from .demo import demo_community_build  # the demo's data only when a demo is built

    demo_community_build(seed=seed)
