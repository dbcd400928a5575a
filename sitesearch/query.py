"""Searching Herald's index: the newest matches, best first, without ranking the whole archive."""

import datetime
import math
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import keys
from .models import SearchDocument

# The first step looks at the current period, the one before it and the next (clocks differ).
# Each later step is sized from how many matches a period held so far; a step that would need
# more than MAX_STEP_PERIODS periods reads all older matches at once instead: the words are
# then rare on this site, and one GIN lookup without periods is cheaper than many with.
FIRST_STEP_PERIODS = 3
MAX_STEP_PERIODS = 26
MAX_STEPS = 4  # the first, at most two sized ones, then everything older


@dataclass(frozen=True)
class Hit:
    """Enough of a page to load it as its specific type (``search_results_specific``)."""

    pk: int
    content_type_id: int


@dataclass(frozen=True)
class Scope:
    """Where a search looks: under ``root`` (a site's home or a section), pages of
    ``content_type_ids`` (empty: every searchable type), first published in [since, until)."""

    root: object
    content_type_ids: tuple[int, ...] = ()
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


class RankedHits:
    """Matches of ``words`` in ``scope``: the newest ``HERALD_SEARCH_WINDOW`` of them, ranked.

    A news search wants recent stories; ranking every match of a common word in a large
    archive costs seconds. So the search asks the index for matches in the newest few periods
    first, then further back, until the window is full (one GIN lookup each: words, site,
    type and periods together, see ``keys``), ranks only those, and the reader pages through
    them. ``pages`` (live, public pages of the scope) confirms the matches before anyone sees
    them. ``more`` says older matches exist: the date filters reach them.
    Sliceable and sized, so Django's Paginator takes it as it is.
    """

    def __init__(self, pages, words: str, scope: Scope):
        self.pages = pages
        self.words = words
        self.scope = scope
        self.window = settings.HERALD_SEARCH_WINDOW

    @cached_property
    def _result(self) -> tuple[list[Hit], bool]:
        found = self._newest_matches(self.window + 1)  # (page_id, rank), newest first
        more = len(found) > self.window
        found = found[: self.window]
        # Live and public now (a page unpublished a moment ago, a section made private).
        confirmed = dict(
            self.pages.filter(pk__in=[page_id for page_id, _rank in found]).values_list(
                "pk", "content_type_id"
            )
        )
        # Best first; equal ranks stay newest first (the sort is stable).
        ranked = sorted((row for row in found if row[0] in confirmed), key=lambda row: -row[1])
        return [Hit(page_id, confirmed[page_id]) for page_id, _rank in ranked], more

    def _newest_matches(self, wanted: int) -> list[tuple[int, float]]:
        """Up to ``wanted`` matches, newest first: period by period back in time, each step
        sized so that it should find what is still missing, then everything older."""
        scope = self.scope
        if scope.until:
            newest = keys.period_of(scope.until - datetime.timedelta(microseconds=1))
        else:
            newest = keys.period_of(timezone.now()) + 1
        oldest = keys.period_of(scope.since) if scope.since else -math.inf
        found, period, covered, size = [], newest, 0, FIRST_STEP_PERIODS
        for _step in range(MAX_STEPS - 1):
            if size > MAX_STEP_PERIODS or period < oldest:
                break
            periods = [p for p in range(period, period - size, -1) if p >= oldest]
            found += self._step([keys.period_key(p) for p in periods], None, wanted - len(found))
            period, covered = period - size, covered + len(periods)
            if len(found) >= wanted:
                return found
            per_period = len(found) / covered
            missing = wanted - len(found)
            size = math.ceil(1.25 * missing / per_period) if per_period else math.inf
        if period >= oldest:  # everything older than the periods looked at
            found += self._step(None, keys.period_start(period + 1), wanted - len(found))
        return found

    def _step(self, period_keys, older_than, limit) -> list[tuple[int, float]]:
        root = self.scope.root
        under = [keys.ancestor_key(root.path)] if root.depth >= 2 else []
        types = [keys.type_key(pk) for pk in self.scope.content_type_ids]
        parts = [keys.any_of(part) for part in (under, types, period_keys) if part]
        dates, params = "", []
        for condition, moment in (
            (">=", self.scope.since),
            ("<", self.scope.until),
            ("<", older_than),
        ):
            if moment:
                dates += f" AND published_at {condition} %s"
                params.append(moment)
        config = "%s::regconfig, " if settings.HERALD_SEARCH_CONFIG else ""
        config_params = [settings.HERALD_SEARCH_CONFIG] if config else []
        words = f"plainto_tsquery({config}%s)"
        table = SearchDocument._meta.db_table
        # Materialized: the rank is computed for the chosen rows only, never for every match.
        sql = f"""WITH found AS MATERIALIZED (
            SELECT page_id, published_at FROM {table}
            WHERE numnode({words}) > 0
              AND document @@ ({words} && %s::tsquery){dates}
            ORDER BY published_at DESC, page_id DESC LIMIT %s)
        SELECT f.page_id, ts_rank(d.document, {words}) FROM found f
        JOIN {table} d ON d.page_id = f.page_id
        ORDER BY f.published_at DESC, f.page_id DESC"""  # noqa: S608 (table name, placeholders)
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    *config_params,
                    self.words,
                    *config_params,
                    self.words,
                    keys.query_sql(*parts) if parts else "",
                    *params,
                    limit,
                    *config_params,
                    self.words,
                ],
            )
            return cursor.fetchall()

    @property
    def more(self) -> bool:
        return self._result[1]

    def __len__(self):
        return len(self._result[0])

    def __getitem__(self, index):
        return self._result[0][index]
