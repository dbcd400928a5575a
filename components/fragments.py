"""The location-aware components, each rendered for one place as a small HTML fragment.

A component is a function ``(request, place) -> Fragment``: what to render, the surrogate keys
of what it shows, and how long it may be cached (shorter when its content ends by itself).
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from newsroom import selectors as newsroom_selectors
from newsroom.keys import latest_keys
from places.keys import place_keys

from . import services
from .keys import listings_keys, traffic_keys, weather_keys
from .weather import forecast_for


@dataclass
class Fragment:
    template: str
    context: dict
    keys: list[str]
    max_age: int | None = None


def weather(request, place):
    forecast = forecast_for(place)
    return Fragment(
        "components/fragments/weather.html",
        {"forecast": forecast},
        keys=[*weather_keys(place), *place_keys(place)],
        # A failed forecast is retried soon rather than cached for the usual time.
        max_age=None if forecast else settings.HERALD_WEATHER_FAILURE_SECONDS,
    )


def traffic(request, place):
    now = timezone.now()
    alerts = list(services.alerts_current(now=now, place=place)[: settings.HERALD_COMPONENT_ITEMS])
    change = services.alerts_next_change(now=now, place=place)
    return Fragment(
        "components/fragments/traffic.html",
        {"alerts": alerts},
        keys=[*traffic_keys(place), *place_keys(place)],
        max_age=services.seconds_until(change, now=now),
    )


def listings(request, place):
    now = timezone.now()
    upcoming = list(
        services.listings_upcoming(now=now, place=place)[: settings.HERALD_COMPONENT_ITEMS]
    )
    first_end = min((listing.finishes_at for listing in upcoming), default=None)
    return Fragment(
        "components/fragments/listings.html",
        {"listings": upcoming},
        keys=[*listings_keys(place), *place_keys(place)],
        max_age=services.seconds_until(first_end, now=now),
    )


def local_news(request, place):
    site = Site.find_for_request(request)
    articles = []
    if site is not None:
        articles = newsroom_selectors.articles_local(
            root=site.root_page,
            place=place,
            limit=settings.HERALD_COMPONENT_ITEMS,
            minimum=settings.HERALD_LOCAL_NEWS_MIN,
        )
    return Fragment(
        "components/fragments/local_news.html",
        {"articles": articles},
        keys=[*latest_keys(site), *place_keys(place)],
    )


COMPONENTS = {
    "local-news": local_news,
    "weather": weather,
    "traffic": traffic,
    "listings": listings,
}


def fragment_render(request, name, place) -> tuple[str, Fragment]:
    """The component's HTML for ``place`` and what it shows."""
    from places.models import COMPONENTS as LABELS

    fragment = COMPONENTS[name](request, place)
    context = {
        **fragment.context,
        "component": name,
        "label": LABELS[name],
        "place": place,
        "max_items": settings.HERALD_COMPONENT_ITEMS,
    }
    return render_to_string(fragment.template, context, request=request), fragment
