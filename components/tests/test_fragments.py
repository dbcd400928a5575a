"""Components as fragments: public, cacheable per URL, nothing personal, purged exactly."""

import datetime

import pytest
from django.utils import timezone

from components.models import Listing, ListingCategory, TrafficAlert
from components.services import alerts_current
from newsroom.models import ArticlePage
from places.models import Place
from places.services import cookie_signed

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def place(slug):
    return Place.objects.get(slug=slug)


def alert(slug, road, *, severity=2, starts=-1, expires=2):
    now = timezone.now()
    return TrafficAlert.objects.create(
        place=place(slug),
        road=road,
        kind="accident",
        severity=severity,
        description=f"Trouble on {road}",
        starts_at=now + datetime.timedelta(hours=starts),
        expires_at=now + datetime.timedelta(hours=expires),
    )


@pytest.mark.parametrize("name", ["weather", "traffic", "listings", "local-news"])
def test_each_fragment_is_public_keyed_and_shows_its_place(client, name):
    response = client.get(f"/components/{name}/?location=durban", **NEWS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert "components" in response["Surrogate-Key"].split()
    assert f'data-component="{name}" data-location="durban"' in html
    assert "Durban" in html and "<html" not in html
    assert not response.cookies and "Cookie" not in response.get("Vary", "")


def test_a_fragment_never_reads_the_readers_cookie_and_holds_nothing_personal(
    client, django_user_model
):
    anonymous = client.get("/components/weather/?location=durban", **NEWS).content
    client.cookies["herald_places"] = cookie_signed({"weather": "cape-town"})
    with_cookie = client.get("/components/weather/?location=durban", **NEWS).content
    member = django_user_model.objects.create_user("sipho@example.com", "pass-phrase-long-1")
    client.force_login(member)
    signed_in = client.get("/components/weather/?location=durban", **NEWS).content
    assert anonymous == with_cookie == signed_in
    assert b"sipho" not in signed_in


@pytest.mark.parametrize(
    "url",
    [
        "/components/weather/?location=atlantis-on-sea",
        "/components/weather/",
        "/components/weather/?location=",
        "/components/weather/?location=Cape%20Town",
        "/components/weather/?location=%3Cscript%3E",
        "/components/horoscope/?location=durban",
    ],
)
def test_unknown_or_malformed_locations_and_components_are_404(client, url):
    assert client.get(url, **NEWS).status_code == 404


def test_traffic_shows_the_places_current_alerts_most_severe_first(client):
    alert("durban", "N3 Westville", severity=1)
    alert("durban", "N2 Umgeni", severity=4)
    alert("durban", "Old alert road", expires=-0.5, starts=-3)
    alert("durban", "Later road", starts=1, expires=3)
    alert("cape-town", "N1 Cape Town")
    html = client.get("/components/traffic/?location=durban", **NEWS).content.decode()
    assert html.index("N2 Umgeni") < html.index("N3 Westville")
    for absent in ("Old alert road", "Later road", "N1 Cape Town"):
        assert absent not in html


def test_expired_alerts_disappear_by_themselves():
    now = timezone.now()
    soon = alert("durban", "M4 Ruth First", expires=0.5)
    assert soon in alerts_current(now=now)
    assert soon not in alerts_current(now=now + datetime.timedelta(hours=1))


def test_a_fragment_is_cached_no_longer_than_its_first_alert_lasts(client):
    TrafficAlert.objects.filter(place__slug="gqeberha").delete()
    alert("gqeberha", "N2 Greenbushes", expires=1 / 60)  # a minute left
    response = client.get("/components/traffic/?location=gqeberha", **NEWS)
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 1 <= max_age <= 61


def test_a_new_alert_purges_exactly_its_places_fragment(client, django_capture_on_commit_callbacks):
    durban = client.get("/components/traffic/?location=durban", **NEWS)
    client.get("/components/traffic/?location=cape-town", **NEWS)
    assert client.get("/components/traffic/?location=durban", **NEWS)["X-Herald-Cache"] == "HIT"
    assert f"traffic-{place('durban').pk}" in durban["Surrogate-Key"].split()
    with django_capture_on_commit_callbacks(execute=True):
        alert("durban", "N3 Pavilion")
    again = client.get("/components/traffic/?location=durban", **NEWS)
    other = client.get("/components/traffic/?location=cape-town", **NEWS)
    assert "N3 Pavilion" in again.content.decode()
    assert again["X-Herald-Cache"] == "MISS"
    assert other["X-Herald-Cache"] == "HIT"


def test_local_news_lists_the_places_stories_then_its_regions(client, settings):
    settings.HERALD_LOCAL_NEWS_MIN = 3
    articles = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")
    articles.update(place=None)
    own = articles.order_by("-first_published_at")[0]
    ArticlePage.objects.filter(pk=own.pk).update(place=place("stellenbosch"))
    neighbour = articles.exclude(pk=own.pk).order_by("-first_published_at")[0]
    ArticlePage.objects.filter(pk=neighbour.pk).update(place=place("cape-town"))
    elsewhere = articles.exclude(pk__in=[own.pk, neighbour.pk])[0]
    ArticlePage.objects.filter(pk=elsewhere.pk).update(place=place("durban"))
    html = client.get("/components/local-news/?location=stellenbosch", **NEWS).content.decode()
    assert own.title in html and neighbour.title in html
    assert html.index(own.title) < html.index(neighbour.title)
    assert elsewhere.title not in html


def test_listings_show_whats_coming_up_in_the_place(client):
    category = ListingCategory.objects.get(slug="music")
    now = timezone.now()
    Listing.objects.create(
        title="Finished concert",
        category=category,
        place=place("durban"),
        starts_at=now - datetime.timedelta(hours=3),
        ends_at=now - datetime.timedelta(hours=1),
    )
    Listing.objects.create(
        title="Maskandi tonight",
        category=category,
        place=place("durban"),
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(hours=2),
        link="https://example.org/tickets",
    )
    html = client.get("/components/listings/?location=durban", **NEWS).content.decode()
    assert "Maskandi tonight" in html and "Finished concert" not in html
    assert 'href="https://example.org/tickets" rel="nofollow noopener"' in html


def test_the_anonymous_home_page_is_identical_whatever_readers_chose(client):
    plain = client.get("/", **NEWS)
    client.cookies["herald_places"] = cookie_signed({"weather": "cape-town", "traffic": "durban"})
    chosen = client.get("/", **NEWS)
    assert plain.content == chosen.content
    html = plain.content.decode()
    # Without JavaScript it shows the site's default place and a link to choose.
    assert 'data-default-location="johannesburg"' in html
    assert 'data-component="weather" data-location="johannesburg"' in html
    assert 'href="/settings/locations/"' in html
    johannesburg = place("johannesburg").pk
    keys = plain["Surrogate-Key"].split()
    assert {f"weather-{johannesburg}", f"traffic-{johannesburg}"} <= set(keys)


def test_article_pages_leave_components_to_the_script(client):
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    html = client.get(article.url_path[len("/localhost") :], **NEWS).content.decode()
    assert 'id="components" data-default-location="johannesburg"' in html
    assert 'data-slot="weather"></div>' in html
    assert "/static/js/components.js" in html or "components." in html
