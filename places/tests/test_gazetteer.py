"""The gazetteer: South Africa's towns from the offline GeoNames data, readable slugs, finding
a place from what a reader typed."""

import pytest
from django.core.management import call_command

from places.models import Place
from places.services import gazetteer_load, place_find, places_search

pytestmark = pytest.mark.django_db


def test_the_home_countrys_towns_are_there_with_region_coordinates_and_time_zone():
    for slug, name, region in [
        ("johannesburg", "Johannesburg", "Gauteng"),
        ("cape-town", "Cape Town", "Western Cape"),
        ("durban", "Durban", "KwaZulu-Natal"),
        ("pretoria", "Pretoria", "Gauteng"),
        ("gqeberha", "Gqeberha", "Eastern Cape"),
        ("bloemfontein", "Bloemfontein", "Free State"),
    ]:
        place = Place.objects.get(slug=slug)
        assert (place.name, place.region, place.country) == (name, region, "ZA")
        assert place.timezone == "Africa/Johannesburg"
        assert -35 < place.latitude < -22 and 16 < place.longitude < 33
    assert Place.objects.filter(country="ZA").count() > 250


def test_the_best_known_place_of_a_name_gets_the_plain_slug_others_their_region():
    bigger, smaller = Place.objects.filter(name="Middelburg").order_by("-population")
    assert bigger.slug == "middelburg" and bigger.region == "Mpumalanga"
    assert smaller.slug == "middelburg-eastern-cape"


def test_reloading_updates_places_and_never_changes_a_slug():
    cape_town = Place.objects.get(slug="cape-town")
    Place.objects.filter(pk=cape_town.pk).update(slug="kaapstad", population=1)
    count = Place.objects.count()
    created, updated = gazetteer_load(["ZA"])
    cape_town.refresh_from_db()
    assert created == 0 and updated == count
    assert cape_town.slug == "kaapstad"  # addresses and settings keep working
    assert cape_town.population > 1_000_000


def test_load_places_adds_another_country(capsys):
    call_command("load_places", country=["LS"])
    assert Place.objects.filter(country="LS", name="Maseru").exists()
    assert "LS" in capsys.readouterr().out


def test_an_editors_suburb_gets_a_slug_disambiguated_by_region():
    durban = Place.objects.get(slug="durban")
    suburb = Place.objects.create(
        name="Durban",
        kind=Place.Kind.SUBURB,
        region="Western Cape",
        latitude=-33.9,
        longitude=18.6,
    )
    assert suburb.slug == "durban-western-cape"
    assert Place.objects.get(slug="durban") == durban


@pytest.mark.parametrize(
    "typed",
    [
        "cape-town",
        "Cape Town",
        "  cape   TOWN ",
        "Cape Town, Western Cape",
        "cape town,western cape",
    ],
)
def test_finding_a_place_from_a_slug_a_name_or_a_label(typed):
    place, suggestions = place_find(typed)
    assert place.slug == "cape-town" and suggestions == []


def test_a_name_with_a_region_picks_that_regions_place():
    place, _ = place_find("Middelburg, Eastern Cape")
    assert place.slug == "middelburg-eastern-cape"
    place, _ = place_find("Middelburg")
    assert place.slug == "middelburg"


def test_accents_do_not_stop_a_match():
    place, _ = place_find("Gqébérha")
    assert place is not None and place.slug == "gqeberha"


def test_an_unknown_place_brings_suggestions():
    place, suggestions = place_find("Cape")
    assert place is None
    assert "cape-town" in [p.slug for p in suggestions]
    assert place_find("Xanadu Heights") == (None, [])


def test_search_ranks_the_best_known_first():
    results = places_search("Pre")
    assert results[0].slug == "pretoria"
    assert places_search("") == []


def test_a_country_with_no_towns_in_the_data_loads_nothing():
    assert gazetteer_load(["XX"]) == (0, 0)
