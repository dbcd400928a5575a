"""Searching Herald's index: the newest matches, best first, without ranking the whole archive."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F


@dataclass(frozen=True)
class Hit:
    """Enough of a page to load it as its specific type (``search_results_specific``)."""

    pk: int
    content_type_id: int


class RankedHits:
    """Matches of ``words`` among ``pages``: the newest ``HERALD_SEARCH_WINDOW`` of them, ranked.

    A news search wants recent stories; ranking every match of a common word in a large
    archive costs seconds. So one statement takes the newest matches (through the date index
    for common words, the GIN index for rare ones), ranks only those, and the reader pages
    through them. ``more`` says older matches exist: the date filters reach them.
    Sliceable and sized, so Django's Paginator takes it as it is.
    """

    def __init__(self, pages, words: str):
        self.pages = pages
        self.words = words
        self.window = settings.HERALD_SEARCH_WINDOW

    @cached_property
    def _result(self) -> tuple[list[Hit], bool]:
        config = settings.HERALD_SEARCH_CONFIG or None
        query = SearchQuery(self.words, search_type="plain", config=config)
        rows = (
            self.pages.filter(search_document__document=query)
            .order_by("-first_published_at", "-pk")
            .annotate(rank=SearchRank(F("search_document__document"), query))
            .values_list("pk", "content_type_id", "rank")[: self.window + 1]
        )
        rows = list(rows)
        # Best first; equal ranks stay newest first (the sort is stable). The extra row only
        # says that older matches exist.
        ranked = sorted(rows[: self.window], key=lambda row: -row[2])
        hits = [Hit(pk, content_type_id) for pk, content_type_id, _rank in ranked]
        return hits, len(rows) > self.window

    @property
    def more(self) -> bool:
        return self._result[1]

    def __len__(self):
        return len(self._result[0])

    def __getitem__(self, index):
        return self._result[0][index]
