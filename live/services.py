"""The one write path for live events."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsroom.restrictions import is_restricted

from .brokers import get_broker
from .models import LiveEvent

logger = logging.getLogger(__name__)


def _announces(page) -> bool:
    return bool(getattr(page.specific_class, "announce_live", False))


def live_event_for_page(*, page, kind: str):
    """Record that ``page`` was published or unpublished, and tell open streams after commit."""
    if not _announces(page) or is_restricted(page):
        return None  # restricted stories are not announced to anonymous readers
    site_id, _root_url, path = page.get_url_parts() or (None, None, None)
    if site_id is None:
        return None
    sections = [
        ancestor.pk
        for ancestor in page.get_ancestors()
        if getattr(ancestor.specific_class, "is_section", False)
    ]
    return live_event_record(
        site_id=site_id,
        sections=sections,
        page_id=page.pk,
        kind=kind,
        headline=page.title,
        url=path,
    )


def live_event_record(*, site_id, sections, page_id, kind, headline, url):
    """Keep the event for reconnecting clients; hand it to the broker once the data is committed."""
    event = LiveEvent.objects.create(
        site_id=site_id,
        sections=sections,
        page_id=page_id,
        kind=kind,
        headline=headline[:255],
        url=url,
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
