"""The traffic desk and the listings desk in the Wagtail admin."""

from django.db import transaction
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from .forms import ListingDecisionForm
from .models import Listing, ListingCategory, TrafficAlert
from .services import listing_decide


class TrafficAlertViewSet(SnippetViewSet):
    model = TrafficAlert
    icon = "warning"
    menu_label = "Traffic alerts"
    list_display = ["road", "place", "kind", "severity", "starts_at", "expires_at", "source"]
    list_filter = ["kind", "severity", "source"]
    search_fields = ["road", "description"]
    ordering = ["-expires_at"]


class ListingEditView(EditView):
    """Editing a listing saves its fields; a change of status is a decision, made through the
    service so that it is recorded with who and why and the proposer is told."""

    def get_panel(self):
        fields = [panel for panel in Listing.panels if getattr(panel, "field_name", "") != "status"]
        decision = MultiFieldPanel(
            [
                HelpPanel(template="components/admin/listing_history.html"),
                FieldPanel("decision"),
                FieldPanel("standard_reason"),
                FieldPanel("decision_reason"),
            ],
            heading="Decision",
        )
        panel = ObjectList([decision, *fields], base_form_class=ListingDecisionForm)
        return panel.bind_to_model(self.model)

    def get_form_class(self):
        return self.panel.get_form_class()  # not the viewset's, which has the status field

    def save_instance(self):
        data = self.form.cleaned_data
        with transaction.atomic():
            listing = super().save_instance()
            if data.get("decision"):
                listing_decide(
                    listing=listing,
                    status=data["decision"],
                    decided_by=self.request.user,
                    standard_reason=data.get("standard_reason", ""),
                    reason=data.get("decision_reason", ""),
                )
        return listing


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "date"
    menu_label = "Listings"
    list_display = ["title", "status", "category", "place", "venue", "starts_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "venue"]
    ordering = ["-starts_at"]
    edit_view_class = ListingEditView


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


# What components add to the newsroom's pages (read in newsroom.extensions).


@hooks.register("herald_sidebar_includes")
def components_beside_pages():
    return "components/includes/components.html"


@hooks.register("herald_locations_page")
def components_local_page():
    """Where Location Settings sends readers after saving (read in places.views)."""
    return reverse("components:local")


@hooks.register("herald_multimedia_links")
def components_multimedia_links():
    return [("Traffic alerts", "/traffic/"), ("What's on", "/listings/")]


@hooks.register("herald_demo_builders")
def components_demo(*, seed):
    """The demo network's forecasts, traffic alerts and listings (read in herald.demo)."""
    from .demo import demo_components_build  # the demo's data only when a demo is built

    demo_components_build(seed=seed)
