from django import forms

from places.models import Place

from .models import ListingCategory


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
