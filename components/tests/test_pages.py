"""/traffic/ and /listings/: public pages with the current alerts and what's on."""

import datetime

import pytest
from django.utils import timezone

from components.models import Listing, ListingCategory, TrafficAlert
from places.models import Place

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def test_traffic_page_lists_current_alerts_by_place(client):
    now = timezone.now()
    TrafficAlert.objects.create(
        place=Place.objects.get(slug="kimberley"),
        road="N12 Kimberley bypass",
        kind="closure",
        severity=4,
        description="Closed for a wide load.",
        starts_at=now - datetime.timedelta(hours=1),
        expires_at=now + datetime.timedelta(hours=1),
    )
    TrafficAlert.objects.create(
        place=Place.objects.get(slug="kimberley"),
        road="Expired road",
        kind="closure",
        description="Over.",
        starts_at=now - datetime.timedelta(hours=3),
        expires_at=now - datetime.timedelta(hours=1),
    )
    response = client.get("/traffic/", **NEWS)
    html = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "traffic" in response["Surrogate-Key"].split()
    assert '<h2 id="traffic-kimberley">Kimberley, Northern Cape</h2>' in html
    assert "N12 Kimberley bypass" in html and "Road closure" in html and "Severe" in html
    assert "Expired road" not in html


@pytest.fixture
def listings():
    theatre = ListingCategory.objects.get(slug="theatre")
    cinema = ListingCategory.objects.get(slug="cinema")
    polokwane = Place.objects.get(slug="polokwane")
    day = timezone.localdate() + datetime.timedelta(days=3)
    evening = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))
    Listing.objects.create(
        title="Polokwane play", category=theatre, place=polokwane, starts_at=evening
    )
    Listing.objects.create(
        title="Polokwane film",
        category=cinema,
        place=polokwane,
        starts_at=evening + datetime.timedelta(days=1),
    )
    return day


def test_listings_page_filters_by_place_category_and_day(client, listings):
    everything = client.get("/listings/", **NEWS).content.decode()
    assert "Polokwane play" in everything and "Polokwane film" in everything
    html = client.get("/listings/?place=polokwane&category=theatre", **NEWS).content.decode()
    assert "Polokwane play" in html and "Polokwane film" not in html
    html = client.get(f"/listings/?place=polokwane&date={listings}", **NEWS).content.decode()
    assert "Polokwane play" in html and "Polokwane film" not in html
    assert '<option value="polokwane" selected>' in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("date=31-31-2026", "Enter a valid date"),
        ("place=atlantis-on-sea", "We don&#x27;t know the place “atlantis-on-sea”"),
        ("category=opera", "There is no category “opera”"),
        ("place=%3Cscript%3E", "Enter a valid"),
    ],
)
def test_bad_filters_are_a_400_with_a_message(client, query, message):
    response = client.get(f"/listings/?{query}", **NEWS)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_a_far_away_day_is_a_400_not_an_overflow(client):
    response = client.get("/listings/?date=9999-12-31", **NEWS)
    assert response.status_code == 400
    assert "between the years 2000 and 2100" in response.content.decode()
