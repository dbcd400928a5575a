"""Editors look after the gazetteer: add suburbs and regions, correct names."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .chooser import PlaceChooserViewSet
from .models import Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = "Places"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "region", "country", "kind", "slug", "population"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "region", "slug"]
    ordering = ["-population", "name"]
    chooser_viewset_class = PlaceChooserViewSet


register_snippet(PlaceViewSet)


@hooks.register("herald_member_exporters")
def location_settings_export(member):
    """The member's location choices, in their data export (read in accounts.extensions)."""
    return {"location_settings": services.member_export(member)}
