"""One canonical address per site: aliases answer GET and HEAD with a 301 to the site's root,
and every absolute URL Herald writes names that root, whichever host the request came in on."""

import json
import re

import pytest
from django.core import mail, signals
from django.db import close_old_connections

from newsroom.models import ArticlePage

from .asgi_client import asgi_get

pytestmark = pytest.mark.django_db
ALIAS = {"HTTP_HOST": "127.0.0.1"}  # the demo's alias of the news site (HERALD_SITE_ALIASES)
ROOT = "http://localhost"  # the news site's root_url in the tests (port 80)


@pytest.fixture
def django_calls(db):
    """The paths that reached Django behind the front door."""
    return []


@pytest.fixture
def door(django_calls):
    """The page cache's front door before Django's ASGI app, counting what reaches Django."""
    from django.core.handlers.asgi import ASGIHandler

    from delivery.asgi import with_page_cache

    handler = ASGIHandler()

    async def counted(scope, receive, send):
        django_calls.append(scope["path"])
        await handler(scope, receive, send)

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield with_page_cache(counted)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("method", ["get", "head"])
def test_an_alias_answers_301_to_the_same_path_and_query_on_the_canonical_root(client, method):
    response = getattr(client, method)("/news/?page=2", **ALIAS)
    assert response.status_code == 301
    assert response["Location"] == f"{ROOT}/news/?page=2"


def test_an_alias_with_a_port_goes_to_the_canonical_root(client):
    response = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8000")
    assert (response.status_code, response["Location"]) == (301, f"{ROOT}/robots.txt")


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_front_door_sends_an_alias_of_a_cached_page_on_without_django(
    door, django_calls, method
):
    assert asgi_get(door, "/", query="x=1").status == 200  # the home page is cached now
    assert asgi_get(door, "/").cache_state == "HIT"
    first = asgi_get(door, "/", method=method, host="127.0.0.1", query="x=1")
    assert (first.status, first.headers["location"]) == (301, f"{ROOT}/?x=1")
    calls = len(django_calls)
    again = asgi_get(door, "/", method=method, host="127.0.0.1", query="x=1")
    assert (again.status, again.headers["location"]) == (301, f"{ROOT}/?x=1")
    assert len(django_calls) == calls  # answered by the front door from its memo
    assert asgi_get(door, "/").status == 200 and len(django_calls) == calls  # canonical: a hit


def test_the_front_door_leaves_unknown_hosts_and_posts_to_django(door, django_calls):
    asgi_get(door, "/", host="127.0.0.1")  # the alias is remembered now
    assert asgi_get(door, "/", host="news.localhost").status == 200
    assert asgi_get(door, "/", host="evil.example").status == 400
    calls = len(django_calls)
    posted = asgi_get(door, "/", method="POST", host="127.0.0.1")
    assert posted.status != 301 and len(django_calls) == calls + 1


def test_a_post_on_an_alias_is_not_redirected(client):
    response = client.post("/accounts/login/", {"login": "x@example.com", "password": "x"}, **ALIAS)
    assert response.status_code != 301
    assert not response.get("Location", "").startswith(ROOT)


def test_healthz_admin_and_purges_on_an_alias_are_left_alone(client):
    assert client.get("/healthz", **ALIAS).status_code == 200
    admin = client.get("/admin/", **ALIAS)
    assert admin.status_code == 302 and admin["Location"].startswith("/admin/login/")
    purge = client.generic("PURGE", "/", **ALIAS)
    assert purge.status_code != 301 and "Location" not in purge


def test_an_unknown_but_allowed_host_is_served_not_sent_to_the_default_site(client):
    """Wagtail falls back to the default site for any host; that does not make it an alias."""
    response = client.get("/", HTTP_HOST="news.localhost")
    assert response.status_code == 200 and "Location" not in response


def test_without_the_alias_setting_the_alias_is_served_as_before(client, settings):
    from delivery.sites import sites_forget

    settings.HERALD_SITE_ALIASES = {}
    sites_forget()
    assert client.get("/", **ALIAS).status_code == 200


def test_a_host_refused_by_allowed_hosts_stays_a_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


# Absolute URLs. A GET on an alias never gets this far, so these ask on a host that is allowed but
# nobody's alias (Wagtail serves the default site there): what Herald writes must still name the
# site's canonical root, never the host the request came in on.
OTHER = {"HTTP_HOST": "news.localhost"}


def test_robots_txt_and_the_sitemap_index_name_the_canonical_root(client):
    robots = client.get("/robots.txt", **OTHER).content.decode()
    assert f"Sitemap: {ROOT}/sitemap.xml" in robots
    assert f"Sitemap: {ROOT}/news-sitemap.xml" in robots
    index = client.get("/sitemap.xml", **OTHER).content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", index)
    assert locations and all(loc.startswith(f"{ROOT}/sitemap-pages.xml") for loc in locations)


def test_og_image_and_json_ld_authors_name_the_canonical_root(client):
    article = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/news/", lead_image__isnull=False)
        .exclude(authors=None)
        .first()
    )
    html = client.get(article.url_path[len("/localhost") :], **OTHER).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith(f"{ROOT}/media/")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    urls = [author["url"] for author in data["author"]]
    assert urls and all(url.startswith(f"{ROOT}/authors/") for url in urls)
    assert data["publisher"]["logo"]["url"] == f"{ROOT}/favicon.ico"


def test_api_picture_urls_name_the_canonical_root(client):
    results = client.get("/api/v1/articles?page_size=5", **OTHER).json()["results"]
    pictures = [item["picture"]["url"] for item in results if item["picture"]]
    assert pictures and all(url.startswith(f"{ROOT}/media/") for url in pictures)


def test_feeds_name_the_canonical_root(client):
    rss = client.get("/feeds/rss/", **OTHER).content.decode()
    assert f"<link>{ROOT}/</link>" in rss
    assert "news.localhost" not in rss


def test_a_mail_sent_from_a_post_on_an_alias_links_to_the_canonical_root(client):
    """Sign-up is a POST, so it is not redirected; the confirmation link must still lead to the
    address where the member's session will be (the canonical host)."""
    client.post(
        "/accounts/signup/",
        {
            "email": "alias@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
        **ALIAS,
    )
    assert len(mail.outbox) == 1
    links = re.findall(r"https?://[^\s\"<>]+", mail.outbox[0].body)
    assert any(link.startswith(f"{ROOT}/accounts/confirm-email/") for link in links)
    assert not any("127.0.0.1" in link for link in links)


def test_an_alias_django_would_refuse_is_reported_by_the_system_check(settings):
    from delivery.checks import site_aliases_check

    assert site_aliases_check(None) == []
    settings.HERALD_SITE_ALIASES = {"localhost": ["127.0.0.1", "www.example.org", "localhost"]}
    problems = [problem.id for problem in site_aliases_check(None)]
    assert problems == ["delivery.W003", "delivery.E002"]
