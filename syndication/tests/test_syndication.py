"""Feeds, sitemaps, robots.txt and structured data: well-formed, complete and per site."""

import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _xml(response):
    assert response.status_code == 200, response.content[:500]
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def test_site_rss_feed_has_full_item_metadata(client):
    channel = _xml(client.get("/feeds/rss/", **NEWS)).find("channel")
    assert channel.findtext("title") == "Herald News"
    items = channel.findall("item")
    assert 0 < len(items) <= 30
    newest = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .order_by("-first_published_at", "-pk")[0]
    )
    first = items[0]
    assert first.findtext("title") == newest.title
    assert first.findtext("link") == f"http://localhost{newest.url_path[len('/localhost') :]}"
    assert first.find("guid").get("isPermaLink") == "true"
    assert first.findtext("guid") == first.findtext("link")
    assert first.findtext("pubDate")
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == ", ".join(
        a.name for a in newest.authors.all()
    )
    assert sorted(c.text for c in first.findall("category")) == sorted(
        t.name for t in newest.tags.all()
    )
    enclosure = first.find("enclosure")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    sport_titles = set(
        ArticlePage.objects.filter(url_path__startswith="/sport/").values_list("title", flat=True)
    )
    assert not {i.findtext("link") for i in items} & {f"/sport/{t}" for t in sport_titles}
    assert "public" in client.get("/feeds/rss/", **NEWS)["Cache-Control"]


def test_atom_feed_is_valid_atom(client):
    feed = _xml(client.get("/feeds/atom/", **SPORT))
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Herald Sport"
    entry = feed.find(f"{ATOM}entry")
    for required in ("title", "id", "updated", "link", "published"):
        assert entry.find(f"{ATOM}{required}") is not None, required
    assert entry.find(f"{ATOM}link").get("href").startswith("http://sport.localhost/")


def test_section_feed_lists_only_that_section(client):
    world = SectionPage.objects.get(slug="world")
    items = _xml(client.get("/feeds/sections/news/world/rss/", **NEWS)).find("channel")
    links = [item.findtext("link") for item in items.findall("item")]
    expected = {
        f"http://localhost{p.url_path[len('/localhost') :]}"
        for p in ArticlePage.objects.live().child_of(world)
    }
    assert links and set(links) <= expected
    response = client.get("/feeds/sections/news/world/rss/", **NEWS)
    assert f"section-{world.pk}" in response["Surrogate-Key"]


def test_tag_feed_lists_articles_with_the_tag(client):
    channel = _xml(client.get("/feeds/tags/economy/rss/", **NEWS)).find("channel")
    for item in channel.findall("item"):
        assert "economy" in [c.text for c in item.findall("category")]


@pytest.mark.parametrize("url", ["/feeds/sections/nope/rss/", "/feeds/tags/nope/atom/"])
def test_unknown_feed_is_a_404(client, url):
    assert client.get(url, **NEWS).status_code == 404


def test_pages_advertise_their_feeds(client):
    assert 'href="/feeds/rss/"' in client.get("/", **NEWS).content.decode()
    assert 'href="/feeds/sections/news/rss/"' in client.get("/news/", **NEWS).content.decode()
    assert (
        'href="/feeds/tags/economy/rss/"' in client.get("/tags/economy/", **NEWS).content.decode()
    )


def test_news_sitemap_follows_google_news_rules(client):
    recent = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")[:3]
    old = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")[3]
    now = timezone.now()
    for article in recent:
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=now - timedelta(hours=5)
        )
    ArticlePage.objects.filter(pk=old.pk).update(first_published_at=now - timedelta(days=3))
    urlset = _xml(client.get("/news-sitemap.xml", **NEWS))
    urls = urlset.findall(f"{SITEMAP}url")
    locs = {u.findtext(f"{SITEMAP}loc") for u in urls}
    assert f"http://localhost{old.url_path[len('/localhost') :]}" not in locs
    for article in recent:
        assert f"http://localhost{article.url_path[len('/localhost') :]}" in locs
    assert len(urls) <= 1000
    news = urls[0].find(f"{NEWS_NS}news")
    assert news.find(f"{NEWS_NS}publication/{NEWS_NS}name").text == "Herald News"
    assert news.find(f"{NEWS_NS}publication/{NEWS_NS}language").text == "en"
    assert news.findtext(f"{NEWS_NS}title")
    assert re.match(r"\d{4}-\d\d-\d\dT", news.findtext(f"{NEWS_NS}publication_date"))


def test_sitemap_index_points_to_paged_sitemaps_of_this_site(client):
    index = _xml(client.get("/sitemap.xml", **NEWS))
    locations = [s.findtext(f"{SITEMAP}loc") for s in index.findall(f"{SITEMAP}sitemap")]
    assert locations and all(
        loc.startswith("http://localhost/sitemap-pages.xml") for loc in locations
    )
    pages = _xml(client.get("/sitemap-pages.xml", **NEWS))
    locs = [u.findtext(f"{SITEMAP}loc") for u in pages.findall(f"{SITEMAP}url")]
    assert "http://localhost/" in locs
    assert not any("sport.localhost" in loc for loc in locs)


def test_robots_txt_points_to_both_sitemaps(client):
    text = client.get("/robots.txt", **SPORT).content.decode()
    assert "Sitemap: http://sport.localhost/sitemap.xml" in text
    assert "Sitemap: http://sport.localhost/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_article_has_news_article_json_ld_open_graph_and_canonical(client):
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/news/").first()
    url = article.url_path[len("/localhost") :]
    html = client.get(url, **NEWS).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["datePublished"].startswith(article.first_published_at.date().isoformat()[:4])
    assert [a["name"] for a in data["author"]] == [a.name for a in article.authors.all()]
    assert data["publisher"]["name"] == "Herald News"
    assert data["image"][0].startswith("http://localhost/media/")
    assert sorted(data["keywords"]) == sorted(t.name for t in article.tags.all())
    assert data["articleSection"] == article.get_parent().title
    assert f'<link rel="canonical" href="http://localhost{url}">' in html
    assert f'<meta property="og:title" content="{escape(article.title)}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_route_pages_do_not_claim_the_home_page_as_canonical(client):
    html = client.get("/tags/economy/", **NEWS).content.decode()
    assert 'rel="canonical" href="http://localhost/"' not in html


def test_json_ld_cannot_be_broken_out_of(client):
    article = ArticlePage.objects.live().first()
    article.title = "</script><script>alert(1)</script>"
    article.save_revision().publish()
    html = client.get(
        article.url_path.split("/", 2)[2].join(["/", ""]),
        **(NEWS if article.url_path.startswith("/localhost/") else SPORT),
    ).content.decode()
    assert "<script>alert(1)</script>" not in html


MEDIA = "{http://search.yahoo.com/mrss/}"


def test_a_video_story_carries_its_video_in_media_rss(client, settings, django_assert_num_queries):
    from newsroom.models import VideoPage

    settings.HERALD_PAGE_CACHE = False
    story = VideoPage.objects.live().filter(url_path__startswith="/localhost/").first()
    VideoPage.objects.filter(pk=story.pk).update(first_published_at=timezone.now())
    client.get("/feeds/rss/", **NEWS)  # warm: renditions made
    items = _xml(client.get("/feeds/rss/", **NEWS)).find("channel").findall("item")
    by_title = {item.findtext("title"): item for item in items}
    video_item = by_title[story.title]
    content = video_item.find(f"{MEDIA}content")
    video = story.video
    assert content.get("url") == f"http://localhost{video.file.url}"
    assert content.get("type") == video.content_type
    assert content.get("type") in ("video/mp4", "video/webm")
    assert content.get("medium") == "video"
    assert int(content.get("duration")) == round(video.duration)
    assert (
        video_item.find(f"{MEDIA}thumbnail").get("url") == f"http://localhost{video.thumbnail.url}"
    )
    # Stories without a video have none, and the feed costs no query more for it.
    others = [item for title, item in by_title.items() if title != story.title]
    assert others and all(item.find(f"{MEDIA}content") is None for item in others)
    with django_assert_num_queries(5):
        client.get("/feeds/rss/", **NEWS)
