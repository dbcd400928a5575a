"""Herald's own full-text index on PostgreSQL: one weighted vector per searchable page.

Wagtail's PostgreSQL backend filters on the concatenation of two vectors, which no index serves,
and ranks every match: at a million articles that costs seconds a search (docs/performance.md).
This table holds the same words with the same weights in one GIN-indexed column beside the
page's id, with keys for the page's site, sections, type and publication period (``keys``), so
one index lookup finds a site's newest matches (``query``). It is written on publish, emptied
of unpublished pages, and not used on other databases.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    # The page's words, weighted, plus its scope keys (sitesearch.keys).
    document = SearchVectorField()
    # The page's first publication, to order matches newest first. Deliberately without a
    # B-tree index: PostgreSQL then always finds matches through the GIN index, never by
    # walking every page in date order (which cost seconds for words rare on the site).
    published_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"Search document of page {self.page_id}"
