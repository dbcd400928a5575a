"""The API in the page cache: hits before Django, a key per route's own parameters, purges by
surrogate key, errors never stored, rate limits on renders only, stored compression."""

from urllib.parse import urlencode

import brotli
import pytest
from django.core.cache import cache
from wagtail.models import Site

from delivery import pagecache
from delivery.tests.asgi_client import asgi_get
from delivery.tests.conftest import front_door  # noqa: F401 (a fixture)
from newsroom.keys import latest_keys, page_keys, sites_keys
from newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def state(response):
    return response.headers.get(pagecache.CACHE_HEADER)


def ids(response):
    return [item["id"] for item in response.json()["results"]]


def news_articles():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/")


def stored(path, query="", host="localhost"):
    """The entry the page cache holds for ``path?query`` on ``host``'s site, or None."""
    site = Site.objects.get(hostname=host)
    key = pagecache.page_key(site.pk, pagecache.PageRequest("GET", path, query, frozenset()))
    return pagecache.entry_lookup(key)[0]


def test_a_list_and_a_detail_are_a_miss_then_a_hit_that_costs_no_query(
    client, django_assert_num_queries
):
    article = news_articles().first()
    for url in ("/api/v1/articles?page_size=3", f"/api/v1/articles/{article.pk}"):
        first = client.get(url, **NEWS)
        assert first.status_code == 200 and state(first) == pagecache.MISS
        with django_assert_num_queries(0):
            again = client.get(url, **NEWS)
        assert state(again) == pagecache.HIT and again.content == first.content
        assert again["Content-Type"].startswith("application/json")


def test_the_front_door_answers_api_hits_before_django(front_door, monkeypatch):  # noqa: F811
    from api import selectors

    renders = []
    original = selectors.articles
    monkeypatch.setattr(selectors, "articles", lambda **kw: renders.append(kw) or original(**kw))
    first = asgi_get(front_door, "/api/v1/articles", query="page_size=2")
    assert first.status == 200 and first.cache_state == pagecache.MISS
    again = asgi_get(front_door, "/api/v1/articles", query="page_size=2&utm_source=x")
    assert again.cache_state == pagecache.HIT and again.body == first.body
    other = asgi_get(front_door, "/api/v1/articles", query="page_size=3")
    assert other.cache_state == pagecache.MISS
    assert len(renders) == 2


def test_list_responses_are_kept_until_purged_not_for_a_guessed_time(client, settings):
    response = client.get("/api/v1/articles", **NEWS)
    cache_control = response["Cache-Control"]
    assert f"s-maxage={settings.HERALD_PAGE_SHARED_MAX_AGE}" in cache_control
    assert f"max-age={settings.HERALD_API_MAX_AGE}" in cache_control
    entry = stored("/api/v1/articles")
    assert entry.fresh_until - entry.stored_at == pytest.approx(settings.HERALD_PAGE_CACHE_TTL)
    keys = response["Surrogate-Key"].split()
    site = Site.objects.get(hostname="localhost")
    assert set(latest_keys(site)) <= set(keys)
    assert {key for article_id in ids(response) for key in page_keys(article_id)} <= set(keys)


def test_each_parameter_the_route_reads_has_its_own_entry_and_answer(client):
    sport = Site.objects.get(hostname="sport.localhost")
    newest = [a.pk for a in news_articles().order_by("-first_published_at", "-pk")[:4]]
    oldest = news_articles().order_by("first_published_at", "pk").first()
    since = urlencode({"since": oldest.first_published_at.isoformat()})
    sport_ids = set(
        ArticlePage.objects.live().descendant_of(sport.root_page).values_list("pk", flat=True)
    )
    expected = {
        "page_size=2": newest[:2],
        "page_size=3": newest[:3],
        "page=2&page_size=2": newest[2:4],
        f"page_size=2&site={sport.pk}": None,
        f"page_size=100&{since}": None,
    }
    answers = {}
    for query, want in expected.items():
        response = client.get(f"/api/v1/articles?{query}", **NEWS)
        assert state(response) == pagecache.MISS, query
        answers[query] = ids(response)
        if want is not None:
            assert answers[query] == want, query
        assert state(client.get(f"/api/v1/articles?{query}", **NEWS)) == pagecache.HIT
        assert stored("/api/v1/articles", query) is not None
    assert set(answers[f"page_size=2&site={sport.pk}"]) <= sport_ids
    assert len(answers[f"page_size=100&{since}"]) == min(100, news_articles().count())
    later = client.get("/api/v1/articles?page_size=100&since=2999-01-01T00:00:00Z", **NEWS)
    assert state(later) == pagecache.MISS and ids(later) == []


def test_unknown_parameters_order_and_repeats_do_not_multiply_entries(client):
    first = client.get("/api/v1/articles?page=2&page_size=2", **NEWS)
    assert state(first) == pagecache.MISS
    same = [
        "page_size=2&page=2",  # another order
        "page=2&page_size=2&limit=1&offset=40&utm_source=feed",  # parameters it does not read
        "page=2&page_size=5&page_size=2",  # a repeat: the last value counts, as Django reads it
    ]
    for query in same:
        response = client.get(f"/api/v1/articles?{query}", **NEWS)
        assert state(response) == pagecache.HIT, query
        assert response.content == first.content, query
    assert _key("page=2&page_size=2") == _key("page_size=2&page=2&limit=1&page=2")
    last_wins = client.get("/api/v1/articles?page_size=2&page_size=5", **NEWS)
    assert len(ids(last_wins)) == 5


def _key(query):
    request = pagecache.PageRequest("GET", "/api/v1/articles", query, frozenset())
    return pagecache.page_key(1, request)


def _new_article(section, title):
    article = section.add_child(
        instance=ArticlePage(title=title, slug="api-cache-new-story", standfirst="New.", live=False)
    )
    article.save_revision().publish()
    return article


def test_publishing_an_article_purges_the_lists_it_joins(
    client, django_capture_on_commit_callbacks
):
    section = SectionPage.objects.live().filter(url_path__startswith="/localhost/").first()
    sport = Site.objects.get(hostname="sport.localhost")
    lists = [
        "/api/v1/articles?page_size=5",
        f"/api/v1/articles?section={section.pk}&page_size=5",
    ]
    for url in lists:
        client.get(url, **NEWS)
    other_site = f"/api/v1/articles?site={sport.pk}"
    client.get(other_site, **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        article = _new_article(section, "A story the API has not shown yet")
    for url in lists:
        response = client.get(url, **NEWS)
        assert state(response) == pagecache.MISS, url
        assert ids(response)[0] == article.pk, url
    assert state(client.get(other_site, **NEWS)) == pagecache.HIT  # another site's list


def test_changing_an_article_purges_its_detail_and_not_others(
    client, django_capture_on_commit_callbacks
):
    article = news_articles().order_by("pk").first().specific
    # Another story sharing no tag or author with it, which the purge would name too.
    other = (
        news_articles()
        .exclude(pk=article.pk)
        .exclude(tagged_items__tag__in=article.tags.all())
        .exclude(authors__in=article.authors.all())
        .order_by("pk")
        .first()
    )
    url, other_url = f"/api/v1/articles/{article.pk}", f"/api/v1/articles/{other.pk}"
    client.get(url, **NEWS)
    client.get(other_url, **NEWS)
    assert state(client.get(url, **NEWS)) == pagecache.HIT
    page = article.specific.get_latest_revision_as_object()
    page.title = "A headline the API has not shown yet"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get(url, **NEWS)
    assert state(response) == pagecache.MISS
    assert response.json()["headline"] == "A headline the API has not shown yet"
    assert state(client.get(other_url, **NEWS)) == pagecache.HIT


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        ("/api/v1/articles", "page_size=abc", 400),
        ("/api/v1/articles", "page=99999999", 400),
        ("/api/v1/articles", "page_size=", 400),
        ("/api/v1/articles", "since=yesterday", 400),
        ("/api/v1/articles", "site=99999", 404),
        ("/api/v1/articles/99999999", "", 404),
        ("/api/v1/authors/nobody", "", 404),
    ],
)
def test_bad_values_get_a_json_4xx_that_is_never_stored(client, path, query, status):
    for _ in range(2):
        response = client.get(f"{path}?{query}", **NEWS)
        assert response.status_code == status
        assert response.json()["detail"]
        assert state(response) is None
    assert stored(path, query) is None


def test_hits_are_not_counted_by_the_rate_limit_and_a_429_is_never_stored(client):
    """HERALD_API_RATE limits renders: a hit costs nothing, so it counts for nothing."""
    cached = "/api/v1/sites"
    client.get(cached, **NEWS)  # the one render: 1 of 120
    for _ in range(150):
        assert state(client.get(cached, **NEWS)) == pagecache.HIT
    renders = [f"/api/v1/articles?page={n}&page_size=1" for n in range(1, 120)]
    assert {client.get(url, **NEWS).status_code for url in renders} == {200}
    refused = client.get("/api/v1/articles?page=500&page_size=1", **NEWS)
    assert refused.status_code == 429 and refused.json()["detail"]
    assert stored("/api/v1/articles", "page=500&page_size=1") is None
    assert state(client.get(cached, **NEWS)) == pagecache.HIT  # the 429 dropped nothing


def test_json_hits_are_sent_with_the_stored_brotli_copy(client):
    url = "/api/v1/articles?page_size=10"
    plain = client.get(url, **NEWS)
    hit = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip", **NEWS)
    assert state(hit) == pagecache.HIT and hit["Content-Encoding"] == "br"
    assert brotli.decompress(hit.content) == plain.content
    assert len(hit.content) < len(plain.content)
    assert "Accept-Encoding" in hit["Vary"]


def test_a_head_the_api_does_not_answer_leaves_the_stored_copy(client):
    client.get("/api/v1/sites", **NEWS)
    assert state(client.head("/api/v1/sites", **NEWS)) == pagecache.HIT
    pagecache.keys_purge(sites_keys())  # stale: the next request renders
    assert client.head("/api/v1/sites", **NEWS).status_code == 405  # django-ninja's answer
    assert stored("/api/v1/sites") is not None  # still there to serve while it renders again
