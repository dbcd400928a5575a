"""What the components show: current traffic alerts, upcoming listings; and when that changes."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q
from django.utils import timezone

from delivery.purge import purge_after_commit
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
    before = getattr(instance, "loaded_status", None)
    if before == Listing.Status.PROPOSED and instance.status != before and instance.created_by:
        verdict = "is published" if instance.status == Listing.Status.PUBLISHED else "was refused"
        notify(instance.created_by, f"Your listing “{instance.title}” {verdict}.", "")
    instance.loaded_status = instance.status


def proposals_today(member, *, now=None) -> int:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    return Listing.objects.filter(created_by=member, created_at__gte=since).count()


def listing_propose(*, member, **fields):
    """A member's proposal: saved as proposed, for an editor to publish or refuse."""
    if proposals_today(member) >= settings.HERALD_LISTING_PROPOSALS_PER_DAY:
        raise PermissionDenied("You have proposed enough listings for today; thank you!")
    return Listing.objects.create(created_by=member, status=Listing.Status.PROPOSED, **fields)


def on_weather_changed(sender, instance, **kwargs):
    purge_after_commit(weather_keys(instance.place_id))
