from django.middleware.csrf import get_token
from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import WireStory


class PublishColumn(Column):
    """A Publish button per draft: the draft goes live in one click."""

    cell_template_name = "wire/publish_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_value"] = get_token(parent_context["request"])  # cells get no csrf_token
        return context


class WireViewSet(ModelViewSet):
    """The "Wire" list: imported agency copy waiting for an editor."""

    model = WireStory
    icon = "doc-full-inverse"
    menu_label = "Wire"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "headline",
        "source",
        "format",
        "updated_at",
        "page",
        PublishColumn("publish", label="Publish"),
    ]
    list_filter = ["source", "format"]
    search_fields = ["headline", "guid"]
    form_fields = ["headline", "source"]  # the copy itself is edited on the article page
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_wire():
    return WireViewSet("wire")


@hooks.register("register_admin_urls")
def wire_publish_urls():
    return [path("wire-publish/<int:pk>/", admin_views.publish, name="wire_publish")]


@hooks.register("herald_demo_builders")
def wire_demo(*, seed):
    """The demo network's wire copy waiting in the desk (read in herald.demo)."""
    from .demo import demo_wire_build  # the demo's data only when a demo is built

    demo_wire_build(seed=seed)
