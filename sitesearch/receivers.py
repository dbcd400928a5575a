from .documents import document_save, is_enabled


def on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Keep a live page's words in step with what readers see.

    Publishing saves the whole page with its new content; so does anything that changes a live
    page outside the editor (a credit removed on account deletion). Saves of a few fields
    (``save_revision``) are skipped: the page in memory may then hold unpublished draft text.
    Unpublished and deleted pages need nothing: searches only join live pages, and a deleted
    page's document goes with it.
    """
    if raw or update_fields is not None or not instance.live or not is_enabled():
        return
    document_save(instance)
