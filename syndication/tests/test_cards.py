"""Every page people share or search engines list says what it is: a description, Open Graph
and Twitter tags and a canonical link on the site's canonical address; articles' pictures are
in the sitemap; the home page names the site once in its title."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)

import pytest

from accounts.demo import DEMO_MEMBERS
from newsroom.models import ArticlePage, Author, SectionPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"


def _tags(html):
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    return meta, canonical


def _paths():
    section = SectionPage.objects.live().filter(url_path__startswith="/localhost/").first()
    author = Author.objects.filter(articles__isnull=False).first() or Author.objects.first()
    username = DEMO_MEMBERS[0][0]
    return [
        section.url_path[len("/localhost") :],
        "/tags/economy/",
        f"/authors/{author.slug}/",
        "/listings/",
        "/traffic/",
        f"/profile/{username}/",
        "/pictures/",
    ]


def test_lists_sections_authors_tags_and_profiles_have_a_description_and_cards(client):
    for path in _paths():
        response = client.get(path, **NEWS)
        assert response.status_code == 200, path
        meta, canonical = _tags(response.content.decode())
        assert canonical == [f"http://localhost{path}"], path  # one, on the canonical host
        assert meta.get("description"), path
        assert meta["og:title"] and meta["og:url"] == canonical[0], path
        assert meta["og:description"] == meta["description"], path
        assert meta["og:site_name"] == "Herald News" and meta["twitter:card"] == "summary", path


def test_an_author_page_describes_the_author(client):
    author = Author.objects.exclude(role="").first()
    html = client.get(f"/authors/{author.slug}/", **NEWS).content.decode()
    meta, _ = _tags(html)
    assert meta["og:type"] == "profile" and author.name in meta["description"]


def test_the_home_page_names_the_site_once_in_its_title(client):
    html = client.get("/", **NEWS).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.count("Herald News") == 1, title
    assert client.get("/news/", **NEWS).content.decode().count("| Herald News</title>") == 1


def test_articles_with_pictures_carry_image_sitemap_entries(client):
    pages = ET.fromstring(client.get("/sitemap-pages.xml", **NEWS).content)  # noqa: S314
    pictured = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{IMAGE}image/{IMAGE}loc")
        for url in pages.findall(f"{SITEMAP}url")
    }
    article = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/", lead_image__isnull=False)
        .first()
    )
    location = f"http://localhost{article.url_path[len('/localhost') :]}"
    assert pictured[location].startswith("http://localhost/media/images/")
    assert "fill-1200x630" in pictured[location]
    assert pictured["http://localhost/"] is None  # the home page has no picture of its own
