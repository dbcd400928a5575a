"""/traffic/ and /listings/: public pages with the current alerts and what's on."""

import datetime

import pytest
from django.utils import timezone

from components.models import Listing, ListingCategory, TrafficAlert
from components.services import listing_decide
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


def test_listings_page_filters_by_place_category_and_day(client, listings, settings):
    settings.HERALD_LISTINGS_PAGE_SIZE = 100  # every listing on one page
    everything = client.get("/listings/", **NEWS).content.decode()
    assert "Polokwane play" in everything and "Polokwane film" in everything
    html = client.get("/listings/?place=polokwane&category=theatre", **NEWS).content.decode()
    assert "Polokwane play" in html and "Polokwane film" not in html
    html = client.get(f"/listings/?place=polokwane&date={listings}", **NEWS).content.decode()
    assert "Polokwane play" in html and "Polokwane film" not in html
    assert '<option value="polokwane" selected>' in html


def test_listings_are_paged_soonest_first_and_the_links_keep_the_filters(client, settings):
    settings.HERALD_PAGE_CACHE = False  # each request renders
    settings.HERALD_LISTINGS_PAGE_SIZE = 5
    first = client.get("/listings/", **NEWS)
    second = client.get("/listings/?page=2", **NEWS)
    shown, next_shown = list(first.context["listings"]), list(second.context["listings"])
    assert len(shown) == 5 and next_shown and not set(shown) & set(next_shown)
    assert shown[-1].starts_at <= next_shown[0].starts_at
    html = first.content.decode()
    assert '<a rel="next" href="?page=2">Later</a>' in html
    assert "Page 1 of" in html and "1–5 shown" in html
    filtered = client.get("/listings/?category=tv", **NEWS).content.decode()
    if "Page 1 of" in filtered:
        assert 'href="?category=tv&amp;page=2"' in filtered
    max_age = int(first["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age > 0  # until the first listing up to this page ends


@pytest.mark.parametrize("page", ["abc", "1.5", "%ff", "-1", "9999"])
def test_a_bad_listings_page_number_answers_a_page(client, settings, page):
    settings.HERALD_PAGE_CACHE = False
    settings.HERALD_LISTINGS_PAGE_SIZE = 5
    response = client.get(f"/listings/?page={page}", **NEWS)
    assert response.status_code == 200
    number = response.context["listings"].number
    assert number == (
        1 if page in ("abc", "1.5", "%ff") else response.context["listings"].paginator.num_pages
    )


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


@pytest.fixture
def proposer(django_user_model):
    from accounts.services import profile_create

    member = django_user_model.objects.create_user("busi@example.com", "long-pass-phrase-1")
    profile_create(member=member, username="busi", display_name="Busi")
    return member


def proposal(**fields):
    return {
        "title": "Jazz on the lawn",
        "category": ListingCategory.objects.get(slug="music").pk,
        "place": "Durban",
        "venue": "Botanic Gardens",
        "starts_at": "2099-02-01T18:00",
        "ends_at": "2099-02-01T21:00",
        "link": "https://example.org/jazz",
        "description": "Bring a blanket.",
        **fields,
    }


def test_members_propose_listings_that_wait_for_an_editor(client, proposer, settings):
    from notifications.models import Notification

    assert client.get("/listings/propose/", **NEWS).status_code == 302  # sign in first
    client.force_login(proposer)
    response = client.post("/listings/propose/", proposal(), **NEWS)
    assert response.status_code == 302
    listing = Listing.objects.get(title="Jazz on the lawn")
    assert (listing.status, listing.created_by, listing.place.slug) == (
        "proposed",
        proposer,
        "durban",
    )
    assert "Jazz on the lawn" not in client.get("/listings/?place=durban", **NEWS).content.decode()
    listing_decide(listing=listing, status=Listing.Status.PUBLISHED, decided_by=None)
    assert "Jazz on the lawn" in client.get("/listings/?place=durban", **NEWS).content.decode()
    assert Notification.objects.get(member=proposer).text == (
        "Your listing “Jazz on the lawn” is published."
    )


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"place": "Xanadu Heights"}, "We don&#x27;t know a place called “Xanadu Heights”"),
        ({"ends_at": "2099-02-01T10:00"}, "cannot end before it starts"),
        ({"link": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_a_bad_proposal_says_why_and_keeps_what_was_typed(client, proposer, fields, message):
    client.force_login(proposer)
    response = client.post("/listings/propose/", proposal(**fields), **NEWS)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'value="Botanic Gardens"' in html and "Bring a blanket.</textarea>" in html
    assert not Listing.objects.filter(created_by=proposer).exists()


def test_proposals_are_limited_per_day(client, proposer, settings):
    settings.HERALD_LISTING_PROPOSALS_PER_DAY = 1
    client.force_login(proposer)
    assert client.post("/listings/propose/", proposal(), **NEWS).status_code == 302
    again = client.post("/listings/propose/", proposal(title="Second"), **NEWS)
    assert again.status_code == 400 and "enough listings for today" in again.content.decode()
