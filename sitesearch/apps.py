from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"

    def ready(self):
        # Every page type is watched: which are searchable is asked of the
        # ``herald_search_types`` hook when a page is saved, not here, so the order of the
        # apps in INSTALLED_APPS does not matter.
        from django.db.models.signals import post_save
        from wagtail.models import get_page_models
        from wagtail.signals import page_unpublished, post_page_move

        from . import receivers

        for model in get_page_models():
            post_save.connect(
                receivers.on_page_saved,
                sender=model,
                weak=False,
                dispatch_uid=f"sitesearch-{model}",
            )
        page_unpublished.connect(receivers.on_page_unpublished, dispatch_uid="sitesearch-unpublish")
        post_page_move.connect(receivers.on_page_moved, dispatch_uid="sitesearch-move")
