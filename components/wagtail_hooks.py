"""The traffic desk and the listings desk in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Listing, ListingCategory, TrafficAlert


class TrafficAlertViewSet(SnippetViewSet):
    model = TrafficAlert
    icon = "warning"
    menu_label = "Traffic alerts"
    list_display = ["road", "place", "kind", "severity", "starts_at", "expires_at", "source"]
    list_filter = ["kind", "severity", "source"]
    search_fields = ["road", "description"]
    ordering = ["-expires_at"]


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "date"
    menu_label = "Listings"
    list_display = ["title", "status", "category", "place", "venue", "starts_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "venue"]
    ordering = ["-starts_at"]


class ListingCategoryViewSet(SnippetViewSet):
    model = ListingCategory
    icon = "tag"
    menu_label = "Listing categories"


class LocalInformationGroup(SnippetViewSetGroup):
    items = (TrafficAlertViewSet, ListingViewSet, ListingCategoryViewSet)
    menu_icon = "site"
    menu_label = "Traffic & listings"
    menu_order = 300


register_snippet(LocalInformationGroup)
