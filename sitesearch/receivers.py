from wagtail.models import Page

from .documents import document_delete, document_save, documents_keys_refresh, is_enabled
from .types import searchable_models


def on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Keep a live page's words in step with what readers see.

    Publishing saves the whole page with its new content; so does anything that changes a live
    page outside the editor (a credit removed on account deletion). Saves of a few fields
    (``save_revision``) are skipped: the page in memory may then hold unpublished draft text.
    A deleted page's document goes with it. Only the page types of a search type are indexed.
    """
    if raw or update_fields is not None or not instance.live or not is_enabled():
        return
    if type(instance) not in searchable_models():
        return
    document_save(instance)


def on_page_unpublished(sender, instance, **kwargs):
    if is_enabled():
        document_delete(instance.pk)


def on_page_moved(sender, instance, **kwargs):
    """The moved page and everything below it now sit under other sections (or another site)."""
    if is_enabled():
        path = Page.objects.values_list("path", flat=True).get(pk=instance.pk)
        documents_keys_refresh(path)
