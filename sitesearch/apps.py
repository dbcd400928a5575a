from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"

    def ready(self):
        # Listed after the apps that register search types, so every type is known here.
        from django.db.models.signals import post_save
        from wagtail.signals import page_unpublished, post_page_move

        from . import receivers
        from .documents import searchable_models

        for model in searchable_models():
            post_save.connect(
                receivers.on_page_saved,
                sender=model,
                weak=False,
                dispatch_uid=f"sitesearch-{model}",
            )
        page_unpublished.connect(receivers.on_page_unpublished, dispatch_uid="sitesearch-unpublish")
        post_page_move.connect(receivers.on_page_moved, dispatch_uid="sitesearch-move")
