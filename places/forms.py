from django import forms

from .models import COMPONENTS
from .services import place_find


def place_required(text: str):
    """The place a reader typed, or a ValidationError naming the places they may have meant."""
    place, suggestions = place_find(text)
    if place is None:
        hint = ""
        if suggestions:
            hint = " Did you mean " + ", ".join(f"“{p.label}”" for p in suggestions[:5]) + "?"
        raise forms.ValidationError(f"We don't know a place called “{text}”.{hint}")
    return place


class LocationSettingsForm(forms.Form):
    """One place per component; what readers type is resolved to a place of the gazetteer."""

    def __init__(self, *args, initial_places=None, **kwargs):
        initial_places = initial_places or {}
        super().__init__(*args, **kwargs)
        for component, label in COMPONENTS.items():
            place = initial_places.get(component)
            self.fields[component] = forms.CharField(
                label=label,
                required=False,
                max_length=120,
                initial=place.label if place else "",
                widget=forms.TextInput(
                    attrs={
                        "list": "place-suggestions",
                        "autocomplete": "off",
                        "data-place-search": "true",
                        "placeholder": "Town or city",
                    }
                ),
            )

    def clean(self):
        cleaned = super().clean()
        self.places = {}
        for component in COMPONENTS:
            text = cleaned.get(component, "")
            if not text:
                self.places[component] = None
                continue
            try:
                self.places[component] = place_required(text)
            except forms.ValidationError as error:
                self.add_error(component, error)
        return cleaned
