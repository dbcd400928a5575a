from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction

        from . import checks, purging, signals  # noqa: F401 (checks register themselves)
        from .restrictions import forget_restricted_paths

        signals.connect()
        purging.connect()

        for signal in (post_save, post_delete):
            signal.connect(forget_restricted_paths, sender=PageViewRestriction, weak=False)
