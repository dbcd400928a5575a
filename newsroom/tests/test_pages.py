"""Each page type renders for an anonymous reader, on the right site, with flat query counts."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from taggit.models import Tag

from newsroom.models import ArticlePage, Author, GalleryPage, SectionPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}


def get(client, url, host=NEWS):
    return client.get(url, **host)


def news_article():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()


def test_home_page_shows_lead_latest_sections_and_pictures(client):
    response = get(client, "/")
    html = response.content.decode()
    assert response.status_code == 200
    newest = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .order_by("-first_published_at", "-pk")[0]
    )
    assert f'id="lead-heading" class="lead-story__title"><a href="{newest.url_path[10:]}"' in html
    assert "Latest" in html and "News in Pictures" in html
    for section in ("News", "Business", "Tech", "Lifestyle"):
        assert f">{section}</a></h2>" in html
    assert "Herald Sport" in html  # the network bar links the other site


def test_the_two_sites_resolve_by_host(client):
    news = get(client, "/").content.decode()
    sport = get(client, "/", SPORT).content.decode()
    assert '<a class="brand" href="/">Herald News</a>' in news
    assert '<a class="brand" href="/">Herald Sport</a>' in sport
    assert ">Rugby</a>" in sport and ">Rugby</a>" not in news


def test_section_page_lists_its_articles_and_subsections(client):
    response = get(client, "/news/")
    html = response.content.decode()
    assert response.status_code == 200
    assert ">South Africa</a>" in html and ">World</a>" in html
    world = SectionPage.objects.get(slug="world")
    in_world = ArticlePage.objects.live().child_of(world).first()
    assert (
        escape(in_world.title) in html
        or escape(in_world.title) in get(client, "/news/?page=2").content.decode()
    )


def test_article_page_shows_byline_times_tags_and_related(client):
    article = news_article()
    response = get(client, article.url_path[len("/localhost") :])
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{escape(article.title)}</h1>" in html
    for author in article.authors.all():
        assert f'<a href="/authors/{author.slug}/">{author.name}</a>' in html
    published = article.first_published_at.astimezone().strftime("%Y-%m-%d")
    assert published in html
    assert "Read more on:" in html
    for tag in article.tags.all():
        assert f'<a href="/tags/{tag.slug}/">{tag.name}</a>' in html
    assert "Related stories" in html


def test_tag_page_lists_articles_with_the_tag_across_sections(client):
    tag = Tag.objects.get(slug="cape-town")
    response = get(client, "/tags/cape-town/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Read more on" in html and "<h1>cape town</h1>" in html
    tagged = ArticlePage.objects.live().filter(
        tagged_items__tag=tag, url_path__startswith="/localhost/"
    )
    sections = {article.get_parent().pk for article in tagged[:20]}
    assert len(sections) > 1
    assert escape(tagged.order_by("-first_published_at", "-pk")[0].title) in html
    assert "tag-cape-town" in response.headers["Surrogate-Key"].split()


def test_unknown_tag_and_author_are_styled_404s(client):
    for url in ("/tags/no-such-tag/", "/authors/nobody-here/", "/no/such/page/"):
        response = get(client, url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert "Herald News" in response.content.decode()  # the site's header


def test_author_page_lists_their_articles(client):
    author = Author.objects.filter(articles__isnull=False).first()
    response = get(client, f"/authors/{author.slug}/")
    assert response.status_code == 200
    assert f"<h1>{author.name}</h1>" in response.content.decode()


def test_news_in_pictures_and_gallery_pages(client):
    index = get(client, "/pictures/")
    assert index.status_code == 200
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    assert escape(gallery.title) in index.content.decode()
    page = get(client, gallery.url_path[len("/localhost") :])
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<figure>") == gallery.images.count()
    assert escape(gallery.images.first().caption) in html


def test_policy_pages_exist_on_every_site(client):
    for host in (NEWS, SPORT):
        assert "200 words or more" in get(client, "/policies/contributions/", host).content.decode()
        assert get(client, "/policies/comments/", host).status_code == 200


def test_bad_page_numbers_do_not_break_lists(client):
    for query in ("?page=abc", "?page=-4", "?page=99999"):
        assert get(client, "/news/" + query).status_code == 200
        assert get(client, "/tags/economy/" + query).status_code == 200


def test_search_finds_articles_of_the_current_site_only(client):
    article = news_article()
    word = article.title.split()[-1]
    html = get(client, f"/search/?q={word}").content.decode()
    assert "found for" in html
    sport_titles = ArticlePage.objects.filter(url_path__startswith="/sport/").values_list(
        "title", flat=True
    )
    assert not any(f">{escape(title)}</a></h2>" in html for title in sport_titles)
    assert get(client, "/search/?q=" + "x" * 5000).status_code == 200


def test_unknown_host_is_a_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.fixture
def page_cache_off(settings):
    """Query budgets measure rendering; a page-cache hit costs none (delivery's tests)."""
    settings.HERALD_PAGE_CACHE = False


def _queries_for(client, url):
    """Count the queries of a warm render (renditions exist, site-root paths are cached)."""
    get(client, url)
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return len(captured)


# Every Wagtail page costs a base of 1 query: the page, fetched by id with its own type from its
# kept route (delivery/route_cache.py); Wagtail's alias and view-restriction checks are answered
# from the memo of restricted paths (newsroom.restrictions) when none covers the page; the site
# comes from the process's memo of hosts; a sub-route of the home page (/tags/<tag>/) costs its
# home page's kept route instead (1), which routes the rest itself. The header adds the
# network's sites and the site's sections (2), and reads the home page if nothing did before (1).
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # base 1 + latest (articles 1 + renditions 1) + section list 1 + 4 sections x 2
        # + header 2 + galleries (pages 1 + pictures 1 + renditions 1) + live notice 1
        # + the default place's components (weather 2, traffic 2, listings 1, local news 2)
        # + the MyNews block of reader stories 1
        # + the Multimedia block: each kind's newest, video stories (stories 1 + renditions 1),
        # galleries (pages 1 + pictures 1 + renditions 1) and reader pictures (pictures 1
        # + renditions 1) = 33
        ("/", 33),
        # base 1 + subsections 1 + count 1 + articles 2 + the home page 1 + header 2
        # + live notice 1 = 9
        ("/news/", 9),
        # base 1 (the home page) + tag 1 + count 1 + articles 2 + header 2 = 7
        ("/tags/economy/", 7),
    ],
)
def test_listing_query_counts_are_flat(client, url, expected, page_cache_off, settings):
    settings.HERALD_FRAGMENT_CACHE = False  # every part rendered (a purge of everything)
    assert _queries_for(client, url) == expected


# With the parts many pages share kept rendered (delivery/fragments.py): the header, the home
# page's section blocks and the default place's components cost nothing until purged.
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # 33 - header 2 - section blocks 4 x 2 - components 7 - the Multimedia block 7
        # - the lead and the latest list 2 - News in Pictures 3 - the MyNews block 1 = 3
        ("/", 3),
        # 9 - header 2 - the list (sub-sections 1, count 1, articles 2) = 3
        ("/news/", 3),
        # 7 - header 2 - the list (count 1, articles 2) = 2
        ("/tags/economy/", 2),
    ],
)
def test_listing_query_counts_with_parts_kept(client, url, expected, page_cache_off):
    assert _queries_for(client, url) == expected


def test_article_query_count_does_not_grow_with_tags_authors_or_related(
    client, page_cache_off, settings
):
    settings.HERALD_FRAGMENT_CACHE = False
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    url = article.url_path[len("/localhost") :]
    article.tags.set(["economy"])
    article.authors.set(Author.objects.all()[:1])
    article.save()
    few = _queries_for(client, url)
    assert len(get(client, url).context["related"]) >= 1

    article.tags.set(["economy", "cape town", "elections", "rand", "markets", "water"])
    article.authors.set(Author.objects.all()[:4])
    article.save()
    cache.clear()
    many = _queries_for(client, url)
    assert len(get(client, url).context["related"]) == 4
    assert few == many
    # base 1 (the page read with its lead picture) + section trail 1 + authors 1 + tags 1
    # + related (newest tagged candidates 1 + articles 1 + renditions 1) + header 3 + readers'
    # responses 1 + its section's latest in the side column 1 = 12, and one more per picture in
    # the body
    pictures_in_body = sum(block.block_type == "image" for block in article.body)
    assert many == 12 + pictures_in_body

    # Every part kept: the story, related stories, the side column (its section's latest),
    # readers' responses, the sharing card and JSON-LD, and the story's facts (its keys and
    # section, which its authors, tags and trail gave). Left: base 1 (the sharing card's
    # picture read with the page; its rendition is in Wagtail's renditions cache), whatever
    # the body holds.
    settings.HERALD_FRAGMENT_CACHE = True
    assert _queries_for(client, url) == 1


def test_server_error_page_needs_neither_database_nor_context(rf, django_assert_num_queries):
    from herald.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
