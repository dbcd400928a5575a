from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live new-story notices"

    def ready(self):
        from wagtail.signals import page_unpublished

        from newsroom.signals import page_went_live

        from .services import live_event_for_page

        def published(sender, instance, **kwargs):
            live_event_for_page(page=instance, kind="published")

        def unpublished(sender, instance, **kwargs):
            live_event_for_page(page=instance, kind="unpublished")

        page_went_live.connect(published, weak=False, dispatch_uid="live-published")
        page_unpublished.connect(unpublished, weak=False, dispatch_uid="live-unpublished")
