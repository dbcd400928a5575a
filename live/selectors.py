from django.conf import settings

from .models import LiveEvent


def latest_event_id(*, site_id) -> int:
    last = LiveEvent.objects.filter(site_id=site_id).order_by("-id").values_list("id", flat=True)
    return last.first() or 0


def events_after(*, site_id, after_id: int, section_id=None):
    """The events a client that saw ``after_id`` missed, and whether it must refresh instead.

    A client must refresh when it missed more than ``HERALD_LIVE_REPLAY_LIMIT`` events, when
    what it missed is no longer kept, or when it claims to have seen an event that does not exist.
    """
    limit = settings.HERALD_LIVE_REPLAY_LIMIT
    rows = list(
        LiveEvent.objects.filter(site_id=site_id, id__gt=after_id).order_by("id")[: limit + 1]
    )
    latest = rows[-1].pk if rows else latest_event_id(site_id=site_id)
    # Ids have gaps (other sites, rolled-back transactions), so "what it missed is no longer
    # kept" is judged by the client's last event: if that has been pruned, so may the next ones.
    forgotten = after_id > 0 and not LiveEvent.objects.filter(pk=after_id).exists()
    if len(rows) > limit or after_id > latest or forgotten:
        return [], True
    return [event for event in rows if matches(event.as_message(), section_id)], False


def matches(message: dict, section_id) -> bool:
    return section_id is None or section_id in message["sections"]
