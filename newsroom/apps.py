from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        from . import checks, purging, signals  # noqa: F401 (checks register themselves)
        from .restrictions import forget_restricted_paths, forget_when_an_alias_is_made

        signals.connect()
        purging.connect()

        for signal in (post_save, post_delete):
            signal.connect(forget_restricted_paths, sender=PageViewRestriction, weak=False)
        post_page_move.connect(forget_restricted_paths, weak=False, dispatch_uid="restricted-moved")
        post_save.connect(forget_when_an_alias_is_made, weak=False, dispatch_uid="restricted-alias")
