"""/local/: the reader's own components, rendered for the places they chose, never stored."""

import pytest
from django.test import Client

from places.models import LocationChoice, Place

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _choose(client, **fields):
    data = {"local-news": "", "weather": "", "traffic": "", "listings": "", **fields}
    return client.post("/settings/locations/", data, **NEWS)


def test_a_readers_choices_show_on_their_local_page_and_it_is_never_stored(client):
    _choose(client, weather="Durban", traffic="Cape Town")
    response = client.get("/local/", **NEWS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Surrogate-Key" not in response
    assert 'data-component="weather" data-location="durban"' in html
    assert 'data-component="traffic" data-location="cape-town"' in html
    assert 'data-component="listings" data-location="johannesburg"' in html  # the default
    assert "js/components.js" not in html  # rendered here, nothing to fetch


def test_a_reader_who_chose_nothing_sees_the_sites_default_and_how_to_choose():
    html = Client().get("/local/", **NEWS).content.decode()
    assert "You have not chosen any places yet" in html and "Johannesburg, Gauteng" in html
    assert 'href="/settings/locations/"' in html


def test_a_members_choices_come_from_their_profile(django_user_model):
    member = django_user_model.objects.create_user("lindi@example.com", "long-pass-phrase-1")
    LocationChoice.objects.create(
        member=member, component="weather", place=Place.objects.get(slug="gqeberha")
    )
    client = Client()
    client.force_login(member)
    html = client.get("/local/", **NEWS).content.decode()
    assert 'data-component="weather" data-location="gqeberha"' in html


def test_the_shared_pages_link_the_local_page():
    html = Client().get("/", **NEWS).content.decode()
    assert 'href="/local/">your local page</a>' in html
