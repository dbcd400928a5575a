"""The public read API: content, filters, errors, caching, and its OpenAPI contract."""

import pytest
from django.core.cache import cache, caches
from wagtail.models import Site

from newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def test_articles_list_is_paginated_newest_first_and_cacheable(client):
    response = client.get("/api/v1/articles?page_size=5", **NEWS)
    assert response.status_code == 200
    data = response.json()
    news_articles = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")
    assert data["count"] == news_articles.count()
    assert data["pages"] == -(-data["count"] // 5)
    newest = news_articles.order_by("-first_published_at", "-pk")[0]
    first = data["results"][0]
    assert (first["id"], first["headline"]) == (newest.pk, newest.title)
    assert first["url"] == f"http://localhost{newest.url_path[len('/localhost') :]}"
    assert {t["slug"] for t in first["tags"]} == {t.slug for t in newest.tags.all()}
    assert first["picture"]["url"].startswith("http://localhost/media/")
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = client.get("/api/v1/articles?page_size=5", HTTP_IF_NONE_MATCH=response["ETag"], **NEWS)
    assert again.status_code == 304


def test_articles_filter_by_section_tag_and_dates(client):
    world = SectionPage.objects.get(slug="world")
    data = client.get(f"/api/v1/articles?section={world.pk}&page_size=100", **NEWS).json()
    in_world = set(ArticlePage.objects.live().child_of(world).values_list("pk", flat=True))
    assert {a["id"] for a in data["results"]} == in_world
    tagged = client.get("/api/v1/articles?tag=economy&page_size=100", **NEWS).json()
    assert all("economy" in [t["slug"] for t in a["tags"]] for a in tagged["results"])
    future = client.get("/api/v1/articles?since=2999-01-01T00:00:00Z", **NEWS).json()
    assert future["count"] == 0
    sport = Site.objects.get(hostname="sport.localhost")
    other = client.get(f"/api/v1/articles?site={sport.pk}&page_size=3", **NEWS).json()
    assert all(a["site_id"] == sport.pk for a in other["results"])


def test_article_detail_has_clean_html_and_blocks(client):
    article = ArticlePage.objects.live().first()
    data = client.get(f"/api/v1/articles/{article.pk}", **NEWS).json()
    assert data["headline"] == article.title
    assert "<p>" in data["body_html"] and "<script" not in data["body_html"]
    assert {block["type"] for block in data["blocks"]} >= {"paragraph", "subheading"}
    assert data["section_id"] == article.get_parent().pk


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/articles?page=abc", 400),
        ("/api/v1/articles?page=0", 400),
        ("/api/v1/articles?page_size=1000", 400),
        ("/api/v1/articles?since=yesterday", 400),
        ("/api/v1/articles?section=0", 400),
        ("/api/v1/articles?section=99999", 200),  # well-formed, matches nothing
        ("/api/v1/articles?tag=no-such-tag", 200),
        ("/api/v1/articles?site=99999", 404),
        ("/api/v1/articles/99999999", 404),
        ("/api/v1/articles/abc", 400),
        ("/api/v1/authors/nobody", 404),
        ("/api/v1/articles?page=500", 200),
        ("/api/v1/reader-stories?site=99999", 404),
        ("/api/v1/reader-stories?page=0", 400),
        ("/api/v1/reader-stories/99999999", 404),
        ("/api/v1/reader-stories/abc", 400),
        ("/api/v1/reader-pictures?page_size=0", 400),
    ],
)
def test_bad_requests_get_json_errors_not_500s(client, url, status):
    response = client.get(url, **NEWS)
    assert response.status_code == status
    if status != 200:
        assert response.json()["detail"]


def test_sections_tags_authors_sites_and_galleries(client):
    sections = client.get("/api/v1/sections", **NEWS).json()
    world = next(s for s in sections if s["slug"] == "world")
    assert world["parent_id"] == SectionPage.objects.get(slug="news").pk
    assert client.get("/api/v1/tags?page_size=2", **NEWS).json()["pages"] >= 1
    author = client.get("/api/v1/authors?page_size=1", **NEWS).json()["results"][0]
    assert client.get(f"/api/v1/authors/{author['slug']}", **NEWS).json() == author
    assert len(client.get("/api/v1/sites", **NEWS).json()) == 2
    gallery = client.get("/api/v1/galleries?page_size=1", **NEWS).json()["results"][0]
    assert gallery["pictures"] and gallery["pictures"][0]["url"].startswith("http://localhost/")


def test_api_is_rate_limited(client, settings):
    """HERALD_API_RATE (120 a minute per IP by default): the next render gets a 429. Each page
    is a new address, so each is rendered (hits cost nothing and are not counted:
    test_api_caching)."""
    urls = [f"/api/v1/articles?page={n}&page_size=1" for n in range(1, 122)]
    statuses = [client.get(url, **NEWS).status_code for url in urls]
    assert set(statuses[:120]) == {200} and statuses[120] == 429


def test_openapi_document_and_docs_page(client):
    schema = client.get("/api/v1/openapi.json", **NEWS).json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/articles" in schema["paths"]
    docs = client.get("/api/v1/docs/", **NEWS)
    assert docs.status_code == 200 and "GET /api/v1/articles" in docs.content.decode()


def test_list_query_counts_do_not_grow_with_the_page(client, settings):
    """Sections and their parents come from one query; a page of articles from a fixed few."""
    settings.HERALD_PAGE_CACHE = False  # count the render's queries, not a hit's none
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        client.get(url, **NEWS)  # warm renditions and site paths
        cache.clear()
        client.get(url, **NEWS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **NEWS).status_code == 200
        return len(captured)

    assert count("/api/v1/articles?page_size=2") == count("/api/v1/articles?page_size=20")
    sections = client.get("/api/v1/sections", **NEWS).json()
    assert len(sections) > 3 and count("/api/v1/sections") <= 4


def test_listed_articles_name_their_section(client):
    world = SectionPage.objects.get(slug="world")
    data = client.get(f"/api/v1/articles?section={world.pk}&page_size=5", **NEWS).json()
    assert data["results"] and {a["section_id"] for a in data["results"]} == {world.pk}


def test_traffic_alerts_and_listings_are_in_the_api(client):
    import datetime

    from django.utils import timezone

    from components.models import TrafficAlert
    from places.models import Place

    now = timezone.now()
    TrafficAlert.objects.create(
        place=Place.objects.get(slug="polokwane"),
        road="N1 Polokwane ring road",
        kind="roadworks",
        severity=3,
        description="Lane closures.",
        starts_at=now - datetime.timedelta(hours=1),
        expires_at=now + datetime.timedelta(hours=1),
    )
    data = client.get("/api/v1/traffic?place=polokwane", HTTP_HOST="localhost").json()
    assert data["count"] == 1
    alert = data["results"][0]
    assert (alert["road"], alert["severity_label"]) == ("N1 Polokwane ring road", "Major")
    assert alert["place"]["slug"] == "polokwane" and alert["place"]["region"] == "Limpopo"
    assert client.get("/api/v1/traffic?place=nowhere-at-all").json()["count"] == 0
    listings = client.get("/api/v1/listings?place=durban&category=music").json()
    assert listings["count"] >= 1
    assert {item["category"] for item in listings["results"]} == {"music"}
    assert {item["place"]["slug"] for item in listings["results"]} == {"durban"}


def test_articles_filter_by_place(client):
    from newsroom.models import ArticlePage
    from places.models import Place

    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    ArticlePage.objects.filter(place__slug="kimberley").update(place=None)
    ArticlePage.objects.filter(pk=article.pk).update(place=Place.objects.get(slug="kimberley"))
    data = client.get("/api/v1/articles?place=kimberley", HTTP_HOST="localhost").json()
    assert [item["id"] for item in data["results"]] == [article.pk]
    assert data["results"][0]["place"]["name"] == "Kimberley"


def test_published_reader_stories_and_pictures_are_in_the_api(client):
    from community.models import ReaderPicture, ReaderStoryPage

    response = client.get("/api/v1/reader-stories", **NEWS)
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
    listed = response.json()["results"]
    live = ReaderStoryPage.objects.live().filter(url_path__startswith="/localhost/")
    assert {story["id"] for story in listed} == set(live.values_list("pk", flat=True))
    assert all(story["contributor"]["profile_url"].startswith("http") for story in listed)
    responses = [story for story in listed if story["in_response_to"]]
    assert responses  # the demo's responses name their article
    unpublished = ReaderStoryPage.objects.filter(live=False).first()
    assert client.get(f"/api/v1/reader-stories/{unpublished.pk}", **NEWS).status_code == 404
    detail = client.get(f"/api/v1/reader-stories/{listed[0]['id']}", **NEWS).json()
    assert "<h2>" in detail["body_html"] and "<script" not in detail["body_html"]
    pictures = client.get("/api/v1/reader-pictures", **NEWS).json()["results"]
    published = ReaderPicture.objects.filter(live=True, site__hostname="localhost")
    assert {p["id"] for p in pictures} == set(published.values_list("pk", flat=True))
    assert pictures[0]["picture"]["url"].startswith("http")


def test_list_counts_stop_at_the_limit_and_say_so(client, settings):
    settings.HERALD_API_COUNT_LIMIT = 5
    body = client.get("/api/v1/articles?page_size=2", HTTP_HOST="localhost").json()
    assert body["count"] == 5 and body["count_exact"] is False and body["pages"] == 3
    settings.HERALD_API_COUNT_LIMIT = 10_000
    caches["pages"].clear()  # a setting changed, not content: no purge would say so
    body = client.get("/api/v1/articles?page_size=2", HTTP_HOST="localhost").json()
    assert body["count"] > 5 and body["count_exact"] is True


def test_the_api_address_answers_with_an_index_of_its_docs_and_lists(client):
    response = client.get("/api/v1/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "api-docs" in response["Surrogate-Key"].split()
    index = response.json()
    assert index["docs"] == "http://localhost/api/v1/docs/"
    assert index["openapi"] == "http://localhost/api/v1/openapi.json"
    by_name = {resource["name"]: resource["url"] for resource in index["resources"]}
    assert by_name["articles"] == "http://localhost/api/v1/articles"
    assert {"sites", "sections", "tags", "authors", "traffic", "reader-stories"} <= set(by_name)
    assert not any("{" in url for url in by_name.values())  # lists only, no item templates
    for url in list(by_name.values())[:3] + [index["docs"], index["openapi"]]:
        assert (
            client.get(url.removeprefix("http://localhost"), HTTP_HOST="localhost").status_code
            == 200
        )
