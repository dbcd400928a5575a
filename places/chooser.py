"""The admin's place chooser (traffic alerts, listings, stories): ranked as readers' place
fields are (``services.places_ranked``), so "Durban" offers Durban before Durbanville.

Wagtail's search backend ranks the chooser's results by text relevance, which puts a longer
name that merely starts with the query above the exact one."""

from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .services import places_ranked


class PlaceFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="Search term",
        widget=forms.TextInput(attrs={"placeholder": "Search"}),
        required=False,
    )

    def filter(self, objects):
        query = " ".join(self.cleaned_data.get("q", "").split())
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        return places_ranked(objects, query)


class PlaceChooseView(ChooseView):
    filter_form_class = PlaceFilterForm


class PlaceChooseResultsView(ChooseResultsView):
    filter_form_class = PlaceFilterForm


class PlaceChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PlaceChooseView
    choose_results_view_class = PlaceChooseResultsView
