"""What the components show: current traffic alerts, upcoming listings; and when that changes."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from delivery.purge import purge_after_commit
from moderation.models import Decision
from moderation.services import decision_record
from notifications.services import notify

from .keys import listings_keys, traffic_keys, weather_keys
from .models import Listing, TrafficAlert


def alerts_current(*, now=None, place=None):
    """Alerts in force now, most severe first; expired ones drop out by themselves."""
    now = now or timezone.now()
    alerts = TrafficAlert.objects.filter(starts_at__lte=now, expires_at__gt=now)
    if place is not None:
        alerts = alerts.filter(place=place)
    return alerts.select_related("place").order_by("-severity", "expires_at", "pk")


def alerts_next_change(*, now=None, place=None):
    """When the list of current alerts next changes by itself (one ends or one starts)."""
    now = now or timezone.now()
    alerts = TrafficAlert.objects.all()
    if place is not None:
        alerts = alerts.filter(place=place)
    moments = alerts.aggregate(
        next_end=Min("expires_at", filter=Q(starts_at__lte=now, expires_at__gt=now)),
        next_start=Min("starts_at", filter=Q(starts_at__gt=now)),
    )
    times = [t for t in moments.values() if t is not None]
    return min(times) if times else None


def listings_upcoming(*, now=None, place=None):
    """Listings that have not finished yet, soonest first."""
    now = now or timezone.now()
    listings = Listing.objects.filter(status=Listing.Status.PUBLISHED).filter(
        Q(ends_at__gt=now) | Q(ends_at__isnull=True, starts_at__gt=now)
    )
    if place is not None:
        listings = listings.filter(place=place)
    return listings.select_related("place", "category").order_by("starts_at", "pk")


def listings_on_day(listings, day: datetime.date, tz):
    """Narrow ``listings`` to those running at some time on ``day`` (in ``tz``)."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    return listings.filter(starts_at__lt=end).filter(
        Q(ends_at__gte=start) | Q(ends_at__isnull=True, starts_at__gte=start)
    )


def listings_first_end(listings):
    """When the first of ``listings`` (a queryset, sliced or not) finishes, or None."""
    ends = listings.annotate(finish=Coalesce("ends_at", "starts_at")).values_list("finish")
    return min((finish for (finish,) in ends), default=None)


def seconds_until(moment, *, now=None) -> int | None:
    if moment is None:
        return None
    now = now or timezone.now()
    return max(int((moment - now).total_seconds()) + 1, 1)


# Purges: a change to an alert or listing makes stale its place's fragment and the list page.


def on_alert_changed(sender, instance, **kwargs):
    purge_after_commit([*traffic_keys(*instance.place_ids), *traffic_keys()])


def on_listing_changed(sender, instance, **kwargs):
    purge_after_commit([*listings_keys(*instance.place_ids), *listings_keys()])


def proposals_today(member, *, now=None) -> int:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    return Listing.objects.filter(created_by=member, created_at__gte=since).count()


def listing_propose(*, member, **fields):
    """A member's proposal: saved as proposed, for an editor to publish or refuse."""
    if proposals_today(member) >= settings.HERALD_LISTING_PROPOSALS_PER_DAY:
        raise PermissionDenied("You have proposed enough listings for today; thank you!")
    return Listing.objects.create(created_by=member, status=Listing.Status.PROPOSED, **fields)


LISTING_DECISIONS = {
    Listing.Status.PUBLISHED: Decision.Action.APPROVE,
    Listing.Status.REFUSED: Decision.Action.REJECT,
    Listing.Status.PROPOSED: Decision.Action.HOLD,
}


@transaction.atomic
def listing_decide(
    *, listing, status: str, decided_by, standard_reason: str = "", reason: str = ""
):
    """Publish, refuse or hold back a listing, with the editor's other changes to it, recording
    who decided and why; the member who proposed it is told, with the reason.

    A save that leaves the status as it was is no decision: it is saved and nothing recorded.
    """
    if status not in Listing.Status.values:
        raise ValidationError(f"Unknown listing status {status!r}.")
    if listing.pk is None:
        raise ValueError("Only a saved listing is decided on; a new one is simply created.")
    before = (
        Listing.objects.select_for_update()
        .filter(pk=listing.pk)
        .values_list("status", flat=True)
        .first()
    )
    listing.status = status
    listing.save()
    if status == before:
        return None
    decision = decision_record(
        item=listing,
        action=LISTING_DECISIONS[status],
        decided_by=decided_by,
        member=listing.created_by,
        standard_reason=standard_reason,
        reason=reason,
    )
    proposer = listing.created_by
    if proposer is not None and proposer.pk != getattr(decided_by, "pk", None):
        notify(proposer, _listing_notice(listing, decision), "")
    return decision


def _listing_notice(listing, decision):
    why = decision.why
    if decision.action == Decision.Action.APPROVE:
        return f"Your listing “{listing.title}” is published." + (f" {why}" if why else "")
    if decision.action == Decision.Action.REJECT:
        return f"Your listing “{listing.title}” was refused: {why}"
    return f"Your listing “{listing.title}” is waiting for an editor again" + (
        f": {why}" if why else "."
    )


def on_weather_changed(sender, instance, **kwargs):
    purge_after_commit(weather_keys(instance.place_id))
