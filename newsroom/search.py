"""Search filters and highlighting for ``/search/``."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sitesearch.types import search_types

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


class SearchForm(forms.Form):
    """What a reader can narrow a search by. Bad values are dropped with a message, never a 500."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    section = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(required=False, label="Show")
    start = forms.DateField(required=False, label="From")
    end = forms.DateField(required=False, label="To")

    def __init__(self, data, *, sections):
        data = data.copy()
        data["q"] = data.get("q", "")[:MAX_QUERY_LENGTH]  # keep long input usable, not refused
        super().__init__(data)
        self.fields["section"].choices = [("", "All sections")] + [
            (section.pk, section.title) for section in sections
        ]
        self.sections = {section.pk: section for section in sections}
        self.fields["type"].choices = [("", "All stories")] + [
            (key, label) for key, label, _model in search_types()
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not (1900 <= day.year <= 2999):
                self.add_error(name, "Choose a date between 1900 and 2999.")
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return cleaned


@dataclass
class SearchFilters:
    query: str = ""
    section: object = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    kind: str = ""  # a key of sitesearch.types.search_types(); empty: all of them


def filters_from(form) -> SearchFilters:
    """The valid part of the form: a bad field is ignored, the rest still applies."""
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    return SearchFilters(
        query=data.get("q", "") or "",
        section=form.sections.get(data.get("section")),
        start=data.get("start"),
        end=data.get("end"),
        kind=data.get("type", "") or "",
    )


def search_models(kind: str):
    """The page models a search looks through: one type, or every registered one."""
    from django.apps import apps

    return [
        apps.get_model(model_label)
        for key, _label, model_label in search_types()
        if not kind or key == kind
    ]


def search_terms(query: str) -> list[str]:
    """Words of the query, without search operators or punctuation."""
    words = re.findall(r"\w+", query.lower())
    return [word for word in words if word not in {"and", "or", "not"}][:MAX_TERMS]


def highlight(text: str, terms: list[str]):
    """Wrap whole-word matches of ``terms`` in <mark>, escaping every piece of ``text``."""
    if not terms:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    pieces = pattern.split(text)  # odd positions are the matches
    html = "".join(
        f"<mark>{escape(piece)}</mark>" if position % 2 else escape(piece)
        for position, piece in enumerate(pieces)
    )
    return mark_safe(html)  # noqa: S308 (every piece escaped above)
