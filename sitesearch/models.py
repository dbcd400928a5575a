"""Herald's own full-text index on PostgreSQL: one weighted vector per searchable page.

Wagtail's PostgreSQL backend filters on the concatenation of two vectors, which no index serves,
and ranks every match: at a million articles that costs seconds a search (docs/performance.md).
This table holds the same words with the same weights in one GIN-indexed column beside the
page's id, so a search joins it to the live pages by primary key and stops at the newest
matches. It is written on publish and is not used on other databases.
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
    document = SearchVectorField()

    def __str__(self):
        return f"Search document of page {self.page_id}"
