from django import forms

from .models import COMPONENTS
from .services import place_find


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
            place, suggestions = place_find(text)
            if place is None:
                hint = ""
                if suggestions:
                    hint = " Did you mean " + ", ".join(f"“{p.label}”" for p in suggestions[:5])
                    hint += "?"
                self.add_error(component, f"We don't know a place called “{text}”.{hint}")
            else:
                self.places[component] = place
        return cleaned
