from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import WireStory


class WireViewSet(ModelViewSet):
    """The "Wire" list: imported agency copy waiting for an editor."""

    model = WireStory
    icon = "doc-full-inverse"
    menu_label = "Wire"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["headline", "source", "format", "updated_at", "page"]
    list_filter = ["source", "format"]
    search_fields = ["headline", "guid"]
    form_fields = ["headline", "source"]  # the copy itself is edited on the article page
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_wire():
    return WireViewSet("wire")
