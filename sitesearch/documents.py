"""Writing search documents: the page's search fields, weighted as Wagtail's backend weighs them."""

from types import SimpleNamespace

from django.conf import settings
from django.db import connection

from .keys import keys_sql
from .models import SearchDocument
from .types import searchable_models

PAGE_TABLE = "wagtailcore_page"


def is_enabled() -> bool:
    """Herald's index serves searches on PostgreSQL; other databases use Wagtail's backend."""
    return connection.vendor == "postgresql" and settings.HERALD_SEARCH_POSTGRES_INDEX


def weighted_texts(page) -> list[tuple[str, str]]:
    """(text, weight) of each search field of ``page``: titles first, then the rest.

    The values and weights are the ones Wagtail's PostgreSQL backend indexes (its
    ``ObjectIndexer`` reads them), so a search ranks pages the same way whichever index it uses.
    """
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer
    from modelsearch.index import SearchField

    # Only the indexer's field readers are used; the vectors are built in document_save.
    indexer = ObjectIndexer(page, SimpleNamespace(config=None, autocomplete_config=None))
    titles, rest = [], []
    for field in page.get_search_fields():
        for found, weight, text in indexer.prepare_field(page, field):
            if isinstance(found, SearchField) and text.strip():
                (titles if found.field_name == "title" else rest).append((text, weight))
    return titles + rest


def _vector_sql(texts) -> tuple[str, list]:
    config = settings.HERALD_SEARCH_CONFIG
    to_vector = "to_tsvector(%s::regconfig, %s)" if config else "to_tsvector(%s)"
    parts, params = [], []
    for text, weight in texts:
        parts.append(f"setweight({to_vector}, %s)")
        params += [config, text, weight] if config else [text, weight]
    return (" || ".join(parts) or "''::tsvector"), params


def document_save(page) -> None:
    """Write (or rewrite) the search document of ``page`` from its current field values."""
    vector, params = _vector_sql(weighted_texts(page))
    keys, key_params = keys_sql("p")
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (page_id, document, published_at) "  # noqa: S608
            f"SELECT p.id, {vector} || {keys}, p.first_published_at FROM {PAGE_TABLE} p "
            "WHERE p.id = %s "
            "ON CONFLICT (page_id) DO UPDATE "
            "SET document = EXCLUDED.document, published_at = EXCLUDED.published_at",
            [*params, *key_params, page.pk],
        )


def document_delete(page_id: int) -> None:
    """Unpublished pages leave the index (searches also check that pages are live)."""
    SearchDocument.objects.filter(page_id=page_id).delete()


def documents_keys_refresh(path_prefix: str = "") -> int:
    """Rewrite the scope keys and dates of the documents of pages whose path starts with
    ``path_prefix`` (every document by default): after a move, or a change of
    ``HERALD_SEARCH_PERIOD_DAYS``. The words are left as they are."""
    keys, key_params = keys_sql("p")
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {table} d SET published_at = p.first_published_at,
                document = ts_delete(d.document, ARRAY(
                    SELECT lexeme FROM unnest(d.document) WHERE lexeme LIKE '~%%'
                )) || {keys}
            FROM {PAGE_TABLE} p WHERE p.id = d.page_id AND p.path LIKE %s""",  # noqa: S608
            [*key_params, f"{path_prefix}%"],
        )
        return cursor.rowcount


def documents_rebuild(*, progress=None, batch_size: int = 500) -> int:
    """Write the document of every live searchable page. Returns how many were written."""
    from wagtail.models import Page

    written = 0
    for model in searchable_models():
        pks = list(model.objects.live().values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(pks), batch_size):
            for page in model.objects.filter(pk__in=pks[start : start + batch_size]):
                document_save(page)
                written += 1
            if progress:
                progress(written)
    # Pages that are no longer searchable or live (deleted pages go with their document).
    searchable = Page.objects.live().type(*searchable_models())
    SearchDocument.objects.exclude(page__in=searchable).delete()
    return written


def documents_from_wagtail_index() -> int:
    """Copy the documents from Wagtail's own index table, in one statement.

    Both hold the same weighted words (title, then body), so for a large archive whose Wagtail
    index is complete this is minutes instead of hours of re-reading every page.
    """
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    table = SearchDocument._meta.db_table
    types = [ContentType.objects.get_for_model(model).pk for model in searchable_models()]
    keys, key_params = keys_sql("p")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (page_id, document, published_at)
            SELECT p.id, e.title || e.body || {keys}, p.first_published_at FROM {entries} e
            JOIN {PAGE_TABLE} p
              ON p.content_type_id = e.content_type_id AND e.object_id = p.id::text
            WHERE e.content_type_id = ANY(%s) AND p.live
            ON CONFLICT (page_id) DO UPDATE
            SET document = EXCLUDED.document, published_at = EXCLUDED.published_at""",  # noqa: S608
            [*key_params, types],
        )
        written = cursor.rowcount
        cursor.execute(f"ANALYZE {table}")
    return written
