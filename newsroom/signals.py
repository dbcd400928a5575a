"""A page went live: Herald's signal for everything that reacts to a publish.

Wagtail sends ``page_published`` for a publish scheduled for later too, while the page is still
not live, and again when the scheduler makes it live. Live notices, feeds' and pages' purges and
contributors' notices must react to the page going live, not to the editor's scheduling, or open
home pages would offer a story that answers 404 until its time. Receivers connect here (with
``sender`` a page class when they care about one type), never to ``page_published`` itself.
"""

from django.dispatch import Signal

page_went_live = Signal()  # sender: the page's class; instance: the specific page; revision


def relay_page_published(sender, instance, revision=None, **kwargs):
    if instance.live:
        page_went_live.send(sender=sender, instance=instance, revision=revision)


def connect():
    from wagtail.signals import page_published

    page_published.connect(relay_page_published, weak=False, dispatch_uid="page-went-live")
