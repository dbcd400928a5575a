from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from moderation.models import Decision
from places.forms import place_required
from places.models import Place

from .models import Listing, ListingCategory

DECISIONS = [
    (Listing.Status.PUBLISHED, "Publish"),
    (Listing.Status.REFUSED, "Refuse"),
    (Listing.Status.PROPOSED, "Hold back for review"),
]


class ListingFilterForm(forms.Form):
    """The /listings/ filters: place, category and day, all optional."""

    place = forms.SlugField(required=False, max_length=140)
    category = forms.SlugField(required=False, max_length=60)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day is not None and not 2000 <= day.year <= 2100:
            raise forms.ValidationError("Choose a day between the years 2000 and 2100.")
        return day

    def clean_place(self):
        slug = self.cleaned_data["place"]
        if not slug:
            return None
        place = Place.objects.filter(slug=slug).first()
        if place is None:
            raise forms.ValidationError(f"We don't know the place “{slug}”.")
        return place

    def clean_category(self):
        slug = self.cleaned_data["category"]
        if not slug:
            return None
        category = ListingCategory.objects.filter(slug=slug).first()
        if category is None:
            raise forms.ValidationError(f"There is no category “{slug}”.")
        return category


class ListingProposalForm(forms.Form):
    """What a member sends in; the place is typed like in Location Settings."""

    title = forms.CharField(max_length=160)
    category = forms.ModelChoiceField(queryset=ListingCategory.objects.all(), empty_label=None)
    place = forms.CharField(max_length=120, help_text="Town or city, e.g. Durban")
    venue = forms.CharField(max_length=160, required=False)
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Ends", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    link = forms.URLField(required=False, assume_scheme="https", max_length=200)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )

    def clean_place(self):
        return place_required(self.cleaned_data["place"])

    def clean_link(self):
        link = self.cleaned_data["link"]
        if link and not link.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Give a web address starting with http:// or https://.")
        return link

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "A listing cannot end before it starts.")
        return cleaned


class ListingDecisionForm(WagtailAdminModelForm):
    """The listing desk's edit form: the listing's fields, and the editor's decision on it.

    The status is not a field here: it changes only through ``services.listing_decide``, which
    records who decided and why and tells the member who proposed it.
    """

    decision = forms.ChoiceField(
        choices=[("", "No change"), *DECISIONS],
        required=False,
        help_text="Publishing or refusing a member's proposal tells them, with your reason.",
    )
    standard_reason = forms.ChoiceField(
        choices=[("", "No standard reason"), *Decision.Reason.choices],
        required=False,
        label="Reason",
    )
    decision_reason = forms.CharField(
        required=False,
        max_length=600,
        label="Your words to the member",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A refusal needs a reason or your words; the member reads them.",
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and decision == self.instance.status:
            cleaned["decision"] = decision = ""  # what it is already: no decision
        words = (cleaned.get("decision_reason") or "").strip()
        if decision == Listing.Status.REFUSED and not (cleaned.get("standard_reason") or words):
            self.add_error("decision_reason", "Give a reason: the member who proposed it reads it.")
        return cleaned
