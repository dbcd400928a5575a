"""Location Settings: anonymous readers keep choices in a signed cookie, members on their
profile on every site; the cookie's choices win when a reader signs in."""

import json

import pytest
from django.conf import settings
from wagtail.models import Site

from places.models import LocationChoice, LocationSettings, Place
from places.services import choices_from_cookie, cookie_signed, member_choices

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}
COOKIE = settings.HERALD_PLACES_COOKIE


@pytest.fixture
def member(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("thandi@example.com", "a-long-pass-phrase-1")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def place(slug):
    return Place.objects.get(slug=slug)


def post(client, host=NEWS, **fields):
    data = {"local-news": "", "weather": "", "traffic": "", "listings": "", **fields}
    return client.post("/settings/locations/", data, **host)


def test_the_form_shows_the_sites_default_and_is_never_cached(client):
    response = client.get("/settings/locations/", **NEWS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Location Settings" in html and "Johannesburg, Gauteng" in html
    assert "no-store" in response["Cache-Control"]
    for label in ("Local news", "Weather", "Traffic alerts", "Listings"):
        assert f">{label}:</label>" in html
    # The prompt to sign in names every component it keeps, traffic alerts too.
    assert "local news, weather, traffic alerts and listings</a>" in html
    assert "The site allows you" not in html


def test_an_anonymous_readers_choices_go_into_a_signed_cookie(client):
    response = post(client, weather="Cape Town", traffic="durban")
    assert response.status_code == 302
    cookie = response.cookies[COOKIE]
    assert cookie.value.startswith("weather:cape-town|traffic:durban:")
    assert cookie["samesite"] == "Lax" and cookie["max-age"] == settings.HERALD_PLACES_COOKIE_AGE
    page = client.get("/settings/locations/", **NEWS).content.decode()
    assert 'value="Cape Town, Western Cape"' in page and 'value="Durban, KwaZulu-Natal"' in page
    choices = client.get("/settings/locations/choices/", **NEWS).json()["locations"]
    assert choices == {
        "local-news": "johannesburg",
        "weather": "cape-town",
        "traffic": "durban",
        "listings": "johannesburg",
    }


def test_an_unknown_place_is_a_form_error_and_the_rest_is_saved(client):
    response = post(client, weather="Cape", traffic="Durban")
    html = response.content.decode()
    assert response.status_code == 400
    assert "We don&#x27;t know a place called “Cape”" in html
    assert "Did you mean “Cape Town, Western Cape”" in html
    assert 'value="Cape"' in html and 'value="Durban"' in html
    # What could be saved was: traffic follows Durban, weather keeps the default.
    assert "Saved: Traffic alerts." in html
    assert response.cookies[COOKIE].value.startswith("traffic:durban:")
    choices = client.get("/settings/locations/choices/", **NEWS).json()["locations"]
    assert choices["traffic"] == "durban" and choices["weather"] == "johannesburg"


def test_a_saved_form_goes_to_the_readers_local_page(client):
    response = post(client, weather="Durban")
    assert response.status_code == 302 and response["Location"].split("?")[0] == "/local/"


def test_a_tampered_cookie_is_ignored(client, rf):
    client.cookies[COOKIE] = "weather:durban:1tQ0xx:forged-signature"
    response = client.get("/settings/locations/choices/", **NEWS)
    assert response.json()["locations"]["weather"] == "johannesburg"
    assert client.get("/settings/locations/", **NEWS).status_code == 200
    request = rf.get("/")
    request.COOKIES[COOKIE] = cookie_signed({"weather": "durban"})[:-2] + "xx"
    assert choices_from_cookie(request) == {}


def test_reset_forgets_the_choices(client):
    post(client, weather="Durban")
    response = client.post("/settings/locations/", {"reset": "1"}, **NEWS)
    assert response.cookies[COOKIE].value == ""
    choices = client.get("/settings/locations/choices/", **NEWS).json()["locations"]
    assert choices["weather"] == "johannesburg"


def test_a_members_choices_live_on_the_profile_and_follow_them_to_every_site(client, member):
    client.force_login(member)
    response = post(client, weather="Cape Town", traffic="Durban")
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert {c: p.slug for c, p in member_choices(member).items()} == {
        "weather": "cape-town",
        "traffic": "durban",
    }
    for host in (NEWS, SPORT):
        choices = client.get("/settings/locations/choices/", **host)
        assert choices["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
        assert choices.json()["locations"]["weather"] == "cape-town"
        assert choices.json()["locations"]["traffic"] == "durban"
    # Components without a choice show each site's own default.
    sport_default = LocationSettings.for_site(Site.objects.get(hostname="sport.localhost"))
    sport_default = sport_default.default_place
    sport = client.get("/settings/locations/choices/", **SPORT).json()["locations"]
    assert sport["listings"] == sport_default.slug == "cape-town"
    page = client.get("/settings/locations/", **SPORT).content.decode()
    assert "kept on your profile" in page and 'value="Cape Town, Western Cape"' in page


def test_cookie_choices_win_when_a_reader_signs_in(client, member):
    LocationChoice.objects.create(member=member, component="weather", place=place("pretoria"))
    LocationChoice.objects.create(member=member, component="listings", place=place("gqeberha"))
    post(client, weather="Cape Town", traffic="Durban")
    response = client.post(
        "/accounts/login/",
        {"login": "thandi@example.com", "password": "a-long-pass-phrase-1"},
        **NEWS,
    )
    assert response.status_code == 302
    assert {c: p.slug for c, p in member_choices(member).items()} == {
        "weather": "cape-town",  # the cookie's choice wins
        "traffic": "durban",  # added from the cookie
        "listings": "gqeberha",  # kept: the cookie said nothing of it
    }
    assert response.cookies[COOKIE].value == ""  # now kept on the profile instead


def test_the_data_export_and_account_deletion_include_location_settings(client, member):
    LocationChoice.objects.create(member=member, component="weather", place=place("durban"))
    client.force_login(member)
    export = json.loads(client.get("/accounts/data/export.json", **NEWS).content)
    assert export["location_settings"] == {"weather": "durban"}
    member.delete()
    assert not LocationChoice.objects.exists()


def test_place_suggestions_are_public_and_json(client):
    response = client.get("/places/suggest/?q=dur", **NEWS)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert response.json()["places"][0] == {
        "slug": "durban",
        "label": "Durban, KwaZulu-Natal",
        "name": "Durban",
    }
    assert client.get("/places/suggest/?q=", **NEWS).json() == {"places": []}
