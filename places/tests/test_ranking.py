"""Exact names first, then names that start with what was typed, best-known first: in the
admin's place chooser and in readers' suggestions alike."""

import re

import pytest

from places.models import Place
from places.services import places_search

pytestmark = pytest.mark.django_db


def _labels(html):
    return [
        " ".join(re.sub(r"<[^>]+>", "", m).split())
        for m in re.findall(r"data-chooser-modal-choice[^>]*>(.*?)</a>", html, re.S)
    ]


def test_readers_suggestions_put_the_exact_name_first():
    assert [p.name for p in places_search("durban")][:2] == ["Durban", "Durbanville"]


def test_the_admin_chooser_offers_durban_before_durbanville(admin_client):
    durban = Place.objects.get(name="Durban")
    # Make the longer name the better-known one: the exact name must still come first.
    Place.objects.filter(name="Durbanville").update(population=durban.population + 1)
    response = admin_client.get(
        "/admin/snippets/choose/places/place/results/", {"q": "Durban"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 200
    labels = _labels(response.content.decode())
    assert labels[:2] == ["Durban, KwaZulu-Natal", "Durbanville, Western Cape"], labels


def test_the_admin_chooser_lists_everything_without_a_query_and_nothing_for_nonsense(
    admin_client,
):
    opened = admin_client.get("/admin/snippets/choose/places/place/", HTTP_HOST="localhost")
    assert opened.status_code == 200 and opened.json()["step"] == "choose"
    every = admin_client.get("/admin/snippets/choose/places/place/results/", HTTP_HOST="localhost")
    html = every.content.decode()
    assert (
        len(_labels(html)) == Place.snippet_viewset.chooser_per_page
        and f"{Place.objects.count()} places" in html
    )
    none = admin_client.get(
        "/admin/snippets/choose/places/place/results/", {"q": "zzqx"}, HTTP_HOST="localhost"
    )
    assert none.status_code == 200 and _labels(none.content.decode()) == []
