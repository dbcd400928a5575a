from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """What community adds to the newsroom's pages, the member's account and the demo is
    registered in wagtail_hooks.py; here only the signals it listens to."""

    name = "community"
    verbose_name = "Reader contributions"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.models import Revision
        from wagtail.signals import (
            page_unpublished,
            published,
            task_rejected,
            unpublished,
            workflow_submitted,
        )

        from newsroom.signals import page_went_live

        from . import receivers
        from .models import Album, ReaderPicture, ReaderStoryPage

        post_delete.connect(receivers.on_story_deleted, sender=ReaderStoryPage)
        pre_delete.connect(receivers.on_picture_deleted, sender=ReaderPicture)
        workflow_submitted.connect(receivers.on_workflow_submitted)
        post_save.connect(receivers.on_revision_saved, sender=Revision)
        for signal in (post_save, post_delete):
            signal.connect(receivers.on_album_changed, sender=Album, weak=False)
        task_rejected.connect(receivers.on_task_rejected)
        page_went_live.connect(receivers.on_story_published, sender=ReaderStoryPage)
        page_unpublished.connect(receivers.on_story_unpublished, sender=ReaderStoryPage)
        published.connect(receivers.on_picture_published, sender=ReaderPicture)
        unpublished.connect(receivers.on_picture_unpublished, sender=ReaderPicture)
