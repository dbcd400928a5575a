"""Scope keys: where a page sits, what it is and when it was published, as extra lexemes.

Each search document carries, beside its words, a key for every ancestor below the tree's root
(the site's home page and the sections above the page), one for its page type and one for the
period of its first publication. A search then asks the GIN index for its words *and* its site
(or section), type and recent periods in one lookup, and PostgreSQL's GIN scan skips through
the long lists (a site's every page) using the short ones (one week's pages, a rare word).
Without them the planner had to pick between walking the site newest first and reading every
match of the words, and it judges that from word counts over the whole network, not this site:
a word common only on the other site cost seconds (docs/performance.md).

The keys start with ``~``, which the text search parser never leaves in a lexeme, and readers'
queries are reduced to words (``newsroom.search.search_terms``), so they can't be searched for.
"""

import datetime

from django.conf import settings

WAGTAIL_STEPLEN = 4  # treebeard's path step: each depth adds four characters
SECONDS_PER_DAY = 86400


def ancestor_key(path: str) -> str:
    return f"~a{path}"


def type_key(content_type_id: int) -> str:
    return f"~t{content_type_id}"


def period_key(period: int) -> str:
    return f"~p{period}"


def period_seconds() -> int:
    return settings.HERALD_SEARCH_PERIOD_DAYS * SECONDS_PER_DAY


def period_of(moment: datetime.datetime) -> int:
    """The period a moment falls in: whole periods since the Unix epoch (UTC)."""
    return int(moment.timestamp() // period_seconds())


def period_start(period: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(period * period_seconds(), tz=datetime.UTC)


def keys_sql(page: str = "p") -> tuple[str, list]:
    """SQL for the keys of the ``wagtailcore_page`` row aliased ``page``, as a tsvector.

    Written in SQL so that one expression serves a single page, a bulk copy and a moved
    section's pages alike; ``test_keys`` checks it against the Python functions above.
    """
    sql = f"""array_to_tsvector(
        ARRAY(SELECT '~a' || substr({page}.path, 1, {WAGTAIL_STEPLEN} * depth)
              FROM generate_series(2, {page}.depth - 1) AS depth)
        || ARRAY['~t' || {page}.content_type_id::text,
                 '~p' || COALESCE(floor(extract(epoch FROM {page}.first_published_at)
                                        / %s)::bigint, 0)::text])"""  # noqa: S608 (an alias)
    return sql, [period_seconds()]


def query_sql(*tsqueries: str) -> str:
    """tsquery text ANDing ``tsqueries`` (each already valid tsquery text, none empty)."""
    return " & ".join(f"( {part} )" for part in tsqueries)


def any_of(keys: list[str]) -> str:
    """tsquery text matching any of ``keys`` (generated keys: no quoting needed beyond ours)."""
    return " | ".join(f"'{key}'" for key in keys)
