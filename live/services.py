"""The one write path for live events."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .brokers import get_broker
from .models import LiveEvent

logger = logging.getLogger(__name__)


def _announces(page) -> bool:
    return bool(getattr(page.specific_class, "announce_live", False))


def live_event_for_page(*, page, kind: str):
    """Record that ``page`` was published or unpublished, and tell open streams after commit."""
    if not _announces(page):
        return None
    site_id, _root_url, path = page.get_url_parts() or (None, None, None)
    if site_id is None:
        return None
    sections = [
        ancestor.pk
        for ancestor in page.get_ancestors()
        if getattr(ancestor.specific_class, "is_section", False)
    ]
    event = LiveEvent.objects.create(
        site_id=site_id,
        sections=sections,
        page_id=page.pk,
        kind=kind,
        headline=page.title[:255],
        url=path,
    )
    message = event.as_message()
    transaction.on_commit(lambda: get_broker().publish(message))
    if event.pk % 100 == 0:
        live_events_prune()
    return event


def live_events_prune(*, now=None):
    """Forget events older than ``HERALD_LIVE_RETENTION_HOURS`` (clients that old refresh)."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.HERALD_LIVE_RETENTION_HOURS)
    deleted, _ = LiveEvent.objects.filter(created_at__lt=cutoff).delete()
    if deleted:
        logger.info("Live: pruned %s old events", deleted)
    return deleted
