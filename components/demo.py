"""Demo data for the components: site default places, stored forecasts, alerts and listings.

Run after the demo network is built, and again each time ``demo_content --if-empty`` finds it:
forecasts are redrawn from today, and alerts and listings are topped up when none are current,
so that a demo started weeks later still looks alive.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from delivery.purge import purge_after_commit
from places.models import LocationSettings, Place

from .keys import components_keys, listings_keys, traffic_keys
from .models import (
    Condition,
    DailyForecast,
    Listing,
    ListingCategory,
    TrafficAlert,
    WeatherReport,
)
from .services import alerts_current, listings_upcoming

DEMO_SOURCE = "Herald demo"
SITE_DEFAULTS = {"news": "johannesburg", "sport": "cape-town"}
BUSY_PLACES = ["johannesburg", "cape-town", "durban", "pretoria", "gqeberha", "bloemfontein"]
ROADS = {
    "johannesburg": ["M1 north near Grayston Drive", "N1 western bypass", "Jan Smuts Avenue"],
    "cape-town": ["N2 near Borcherds Quarry", "M3 at Newlands", "Buitengracht Street"],
    "durban": ["N3 at Westville viaduct", "N2 near the King Shaka airport", "Florida Road"],
    "pretoria": ["N1 at Proefplaas", "R21 near the airport", "Church Street"],
    "gqeberha": ["N2 at Greenbushes", "William Moffett Expressway"],
    "bloemfontein": ["N1 at the Brandwag interchange", "Nelson Mandela Drive"],
}
ALERTS = [
    ("accident", 3, "A collision between a truck and two cars blocks the left lane."),
    ("roadworks", 2, "Resurfacing: one lane open in each direction; expect delays."),
    ("closure", 4, "The road is closed after flooding. Use alternative routes."),
    ("congestion", 1, "Heavy traffic after a broken-down vehicle; delays of 15 minutes."),
    ("hazard", 2, "Traffic lights are out because of load-shedding; treat as a four-way stop."),
]
CATEGORIES = ["Events", "Cinema", "Music", "Theatre", "TV"]
# category: [(title, venue, description)]; each place gets two of each, at its own venues.
LISTINGS = {
    "Events": [
        (
            "Saturday food market",
            "Market Square",
            "Local cooks, bakers and farmers, with live music from ten. Bring cash and a bag.",
        ),
        (
            "Heritage walking tour",
            "City Hall",
            "A two-hour walk through the old town with a local historian. Comfortable shoes.",
        ),
        (
            "Park run and picnic",
            "Botanical Gardens",
            "A free five-kilometre run or walk, then a picnic on the lawns for the family.",
        ),
    ],
    "Cinema": [
        (
            "Late-night classic film",
            "Arts Centre",
            "A restored print of a South African classic, introduced by a film critic.",
        ),
        (
            "Family matinee",
            "Arts Centre",
            "An animated adventure for children, with popcorn included in the ticket.",
        ),
        (
            "Documentary festival",
            "City Hall",
            "Three new local documentaries, each followed by questions to the director.",
        ),
    ],
    "Music": [
        (
            "Jazz under the trees",
            "Botanical Gardens",
            "A quartet and a guest vocalist play standards and new songs. Gates open at four.",
        ),
        (
            "Choir festival",
            "City Hall",
            "Twelve school and church choirs sing in the final round of the regional festival.",
        ),
        (
            "Amapiano night",
            "Market Square",
            "Four DJs under the stars. No under-18s; tickets at the door while they last.",
        ),
    ],
    "Theatre": [
        (
            "New South African comedy",
            "Civic Theatre",
            "A family wedding goes wrong in the funniest way. Ninety minutes, no interval.",
        ),
        (
            "Shakespeare in the park",
            "Botanical Gardens",
            "A Midsummer Night's Dream, performed by a student company. Bring a blanket.",
        ),
    ],
    "TV": [
        (
            "Rugby: the derby, live",
            "",
            "Live coverage with the build-up from an hour before kick-off.",
        ),
        (
            "Evening news special",
            "",
            "An hour on the week's main stories, with guests in the studio.",
        ),
    ],
}


@transaction.atomic
def demo_components_build(*, seed: int, now=None):
    now = now or timezone.now()
    rng = random.Random(seed)
    places = {p.slug: p for p in Place.objects.filter(slug__in=BUSY_PLACES)}
    _site_defaults()
    _weather(rng, now)
    if not alerts_current(now=now).exists():
        _alerts(rng, now, places)
    if not listings_upcoming(now=now).exists():
        _listings(rng, now, places)
    purge_after_commit([*components_keys(), *traffic_keys(), *listings_keys()])


def _site_defaults():
    by_slug = {p.slug: p for p in Place.objects.filter(slug__in=SITE_DEFAULTS.values())}
    for site in Site.objects.all():
        settings = LocationSettings.for_site(site)
        if settings.default_place_id is None:
            name = (site.site_name or site.hostname).split()[-1].lower()
            settings.default_place = by_slug.get(SITE_DEFAULTS.get(name, "johannesburg"))
            settings.save()


# Conditions that agree with a day's chance of rain: a dry sky up to 20 %, showers or drizzle
# around 40 %, rain or storms above; so the demo never shows an umbrella on a 0 % day.
DRY_SKIES = [Condition.CLEAR, Condition.MAINLY_CLEAR, Condition.PARTLY_CLOUDY, Condition.OVERCAST]
SHOWERY = [Condition.DRIZZLE, Condition.SHOWERS]
WET = [Condition.RAIN, Condition.HEAVY_RAIN, Condition.THUNDERSTORM]


def demo_sky(rng, rain_chance: int) -> Condition:
    if rain_chance <= 20:
        return rng.choice(DRY_SKIES)
    return rng.choice(SHOWERY if rain_chance < 60 else WET)


def _weather(rng, now):
    """A plausible week for every place: warmer inland in summer, wetter on the coasts; each
    day's sky agrees with its chance of rain, and the reading now with today's forecast."""
    WeatherReport.objects.all().delete()
    DailyForecast.objects.all().delete()
    reports, days = [], []
    for place in Place.objects.all():
        today = now.astimezone(place.tzinfo).date()
        base = 16 + (abs(place.latitude) < 30) * 5 + rng.uniform(-3, 3)
        week = []
        for offset in range(7):
            rain_chance = rng.choice([0, 0, 10, 20, 40, 70, 90])
            low = base - rng.uniform(4, 9)
            high = low + rng.uniform(6, 13) - (3 if rain_chance >= 60 else 0)
            week.append(
                DailyForecast(
                    place=place,
                    date=today + datetime.timedelta(days=offset),
                    low_c=round(low),
                    high_c=round(max(high, low + 3)),
                    condition=demo_sky(rng, rain_chance),
                    rain_chance=rain_chance,
                )
            )
        today_forecast = week[0]
        reports.append(
            WeatherReport(
                place=place,
                observed_at=now,
                temperature_c=round(rng.uniform(today_forecast.low_c, today_forecast.high_c), 1),
                condition=today_forecast.condition,
                wind_kmh=round(rng.uniform(2, 35)),
            )
        )
        days += week
    WeatherReport.objects.bulk_create(reports, batch_size=500)
    DailyForecast.objects.bulk_create(days, batch_size=1000)


def _alerts(rng, now, places):
    TrafficAlert.objects.filter(source=DEMO_SOURCE).delete()
    alerts = []
    for slug, roads in ROADS.items():
        if slug not in places:
            continue
        for road in roads:
            kind, severity, text = rng.choice(ALERTS)
            alerts.append(
                TrafficAlert(
                    place=places[slug],
                    road=road,
                    kind=kind,
                    severity=severity,
                    description=text,
                    starts_at=now - datetime.timedelta(minutes=rng.randint(5, 240)),
                    expires_at=now + datetime.timedelta(hours=rng.randint(2, 72)),
                    source=DEMO_SOURCE,
                )
            )
    TrafficAlert.objects.bulk_create(alerts)


def _listings(rng, now, places):
    categories = {
        name: ListingCategory.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0]
        for name in CATEGORIES
    }
    listings = []
    for place in places.values():
        for name, entries in LISTINGS.items():
            for title, venue, description in rng.sample(entries, min(2, len(entries))):
                starts = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(
                    days=rng.randint(0, 13), hours=rng.randint(1, 10)
                )
                listings.append(
                    Listing(
                        title=f"{title}, {place.name}",
                        category=categories[name],
                        venue=venue,
                        place=place,
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=rng.choice([1, 2, 3])),
                        description=description,
                    )
                )
    Listing.objects.bulk_create(listings)
