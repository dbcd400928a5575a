"""Query budgets for every page type and fragment, measured on a warm render with the page cache
off (a page-cache hit costs no query at all: test_page_cache.py). Home, section, tag and article
budgets live in newsroom/tests/test_pages.py with their breakdown.

A budget that breaks means a page now costs more queries: find the new query, and either
prefetch it or raise the budget here with the reason.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from newsroom.models import ArticlePage, Author, GalleryPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.HERALD_PAGE_CACHE = False


def queries_for(client, url):
    client.get(url, **NEWS)  # warm: renditions made, site root paths cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **NEWS)
    assert response.status_code == 200, url
    return len(captured)


def _news_article():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()


def _path(page):
    return page.url_path[len("/localhost") :]


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # The page (its specific results and their pictures included) and the search. On
        # SQLite, Wagtail's backend counts, then reads a page; Herald's index on PostgreSQL
        # ranks as it finds: the newest weeks, then (the demo has few matches) everything
        # older, then it confirms the pages are live and public (its own check: sitesearch is
        # a building block and cannot ask the newsroom's articles_public)
        ("/search/?q=water", 7 if connection.vendor == "postgresql" else 5),
        ("/pictures/", 5),
        ("/policies/comments/", 1),
        ("/feeds/rss/", 5),
        ("/feeds/sections/news/rss/", 6),
        ("/feeds/tags/economy/rss/", 6),
        ("/news-sitemap.xml", 2),
        ("/robots.txt", 1),
        ("/live/latest.json", 2),
        ("/api/v1/articles", 7),
        ("/api/v1/sections", 3),
        ("/api/v1/tags", 2),
        ("/api/v1/authors", 2),
        ("/api/v1/galleries", 5),
        ("/api/v1/sites", 1),
    ],
)
def test_page_and_fragment_budgets(client, url, budget):
    # Pages with the header's network bar and sections kept (delivery/fragments.py): a warm
    # render reads neither. A page comes from its kept route (delivery/route_cache.py) and the
    # site from the process's memo of hosts, once a page has taught it the host; robots.txt
    # and the live notice, asked first here, look their site up.
    # Lists of articles and galleries leave out restricted pages by the paths the process
    # remembers (newsroom.restrictions), not by a query of their own each time.
    assert queries_for(client, url) == budget


def test_author_gallery_profile_and_api_detail_budgets(client):
    author = Author.objects.filter(articles__isnull=False).first()
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    member = get_user_model().objects.exclude(username=None).first()
    budgets = {
        # 1 (the home page) + the author 1; the list (count 1, articles 2) is a kept part
        f"/authors/{author.slug}/": 2,
        _path(gallery): 3,
        # 3 + their reader stories 1 + their pictures (list 1 + renditions 1)
        f"/profile/{member.username}/": 6,
        f"/api/v1/articles/{_news_article().pk}": 5,
    }
    assert {url: queries_for(client, url) for url in budgets} == budgets


def test_signed_in_menu_fragment_budget(client, settings):
    member = get_user_model().objects.exclude(username=None).first()
    client.force_login(member)
    # The member the session names, and the session itself unless Redis holds a copy of it.
    session_reads = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    assert queries_for(client, "/accounts/menu/") == 1 + session_reads


def test_lists_cost_the_same_however_many_tags_and_authors_their_items_have(client):
    author = Author.objects.filter(articles__isnull=False).first()
    lists = [
        "/tags/economy/",
        f"/authors/{author.slug}/",
        "/feeds/rss/",
        "/feeds/tags/economy/rss/",
        "/api/v1/articles",
        "/search/?q=water",
    ]
    before = {url: queries_for(client, url) for url in lists}

    extra_tags = [
        Tag.objects.get_or_create(name=f"extra {n}", slug=f"extra-{n}")[0] for n in "abcde"
    ]
    authors = list(Author.objects.all()[:4])
    for article in ArticlePage.objects.live().filter(tags__slug="economy").distinct():
        article.tags.add(*extra_tags)
        article.authors.add(*authors)
        article.save()
    author.articles.add(*ArticlePage.objects.live()[:10])

    assert {url: queries_for(client, url) for url in lists} == before
