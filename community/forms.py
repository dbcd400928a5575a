from django import forms
from django.conf import settings

from places.forms import place_required

PLACE_WIDGET = forms.TextInput(
    attrs={
        "list": "place-suggestions",
        "autocomplete": "off",
        "data-place-search": "true",
        "placeholder": "Town or city",
    }
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePictureField(forms.FileField):
    """Several files from one input; each is checked later, one by one, with its own error."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError("Choose at least one picture.")
            return []
        return files  # the services take as many as they allow and name the others


def _optional_place(text):
    return place_required(text) if text else None


def tags_parse(text: str) -> list[str]:
    tags = [t.strip()[:60] for t in text.replace(";", ",").split(",")]
    return list(dict.fromkeys(t for t in tags if t))


class StoryForm(forms.Form):
    """A reader story. Word limits are checked by the service, on the text without markup."""

    title = forms.CharField(max_length=120, required=False)
    body = forms.CharField(
        required=False,
        max_length=100_000,
        label="Your story",
        widget=forms.Textarea(attrs={"rows": 18, "data-word-count": "true"}),
        help_text="Formatting: a blank line between paragraphs; ## Subheading; **bold**; "
        "*italic*; - list item; > quote; [link text](https://…).",
    )
    place = forms.CharField(
        max_length=120,
        required=False,
        widget=PLACE_WIDGET,
        help_text="Optional: where it happened.",
    )
    tags = forms.CharField(
        max_length=300,
        required=False,
        help_text="Optional, separated by commas: e.g. Water, Durban",
    )
    pictures = MultiplePictureField(required=False, label="Pictures")
    response_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    key = forms.UUIDField(widget=forms.HiddenInput)

    def clean_place(self):
        return _optional_place(self.cleaned_data["place"])

    def clean_tags(self):
        tags = tags_parse(self.cleaned_data["tags"])
        if len(tags) > 8:
            raise forms.ValidationError("Use at most 8 tags.")
        return tags


class PictureForm(forms.Form):
    """One or more pictures sharing a caption, credit, place and date; editors can refine each."""

    pictures = MultiplePictureField(
        help_text="JPEG, PNG or WebP; choose several at once (up to "
        f"{settings.HERALD_GALLERY_FILES_PER_SUBMISSION})."
    )
    caption = forms.CharField(max_length=250, help_text="What the picture shows.")
    credit = forms.CharField(max_length=120, required=False, help_text="Who took it, if not you.")
    place = forms.CharField(
        max_length=120, required=False, widget=PLACE_WIDGET, help_text="Where it was taken."
    )
    taken_on = forms.DateField(
        required=False, label="Date taken", widget=forms.DateInput(attrs={"type": "date"})
    )
    album = forms.CharField(
        max_length=120,
        required=False,
        help_text="Optional: a name to group pictures, e.g. Durban floods. A new name makes "
        "a new album.",
    )

    def clean_place(self):
        return _optional_place(self.cleaned_data["place"])

    def clean_taken_on(self):
        day = self.cleaned_data["taken_on"]
        if day is not None and not 1900 <= day.year <= 2100:
            raise forms.ValidationError("Choose a date between the years 1900 and 2100.")
        return day


def refusal_reasons() -> list[tuple[str, str]]:
    return [(reason, reason) for reason in settings.HERALD_CONTRIBUTION_REFUSAL_REASONS]


class RefusalForm(forms.Form):
    """Wagtail's workflow modal for "Refuse": a standard reason, or the editor's own words."""

    reason = forms.ChoiceField(
        choices=lambda: [("", "Choose a reason…"), *refusal_reasons()], required=False
    )
    comment = forms.CharField(
        label="Your words to the contributor",
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text="Shown to the contributor with the reason.",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("reason") and not cleaned.get("comment", "").strip():
            raise forms.ValidationError("Choose a reason or write one.")
        return cleaned


def refusal_text(reason: str, comment: str) -> str:
    """One line the contributor reads; an unknown reason (tampered request) is dropped."""
    reason = reason if reason in dict(refusal_reasons()) else ""
    comment = " ".join((comment or "").split())[:500]
    parts = [p for p in (reason, comment) if p]
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else "No reason given."
