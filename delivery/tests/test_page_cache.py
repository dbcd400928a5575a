"""The page cache: what is cached and for whom, keys per site, 304s, purges, stampedes, errors."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from delivery import pagecache
from delivery.cache import cache_publicly, make_private
from delivery.middleware import PageCacheMiddleware
from newsroom import selectors
from newsroom.models import ArticlePage, Author, HomePage, SectionPage

from .asgi_client import asgi_get, asgi_get_many

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}


def state(response):
    return response.headers.get(pagecache.CACHE_HEADER)


def test_second_anonymous_request_is_a_hit_that_costs_no_query(client, django_assert_num_queries):
    first = client.get("/", **NEWS)
    assert state(first) == pagecache.MISS
    with django_assert_num_queries(0):
        second = client.get("/", **NEWS)
    assert state(second) == pagecache.HIT
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Age" not in second  # the copy is the origin's own: downstream TTLs stay whole


def test_signed_in_members_are_served_the_stored_page(client, admin_user):
    first = client.get("/", **NEWS)
    client.force_login(admin_user)
    response = client.get("/", **NEWS)
    assert state(response) == pagecache.HIT and response.content == first.content


def test_only_get_and_head_are_served_from_cache(client):
    client.get("/", **NEWS)
    assert state(client.head("/", **NEWS)) == pagecache.HIT
    assert state(client.post("/", **NEWS)) is None


def test_a_private_response_is_never_stored():
    calls = []

    def view(request):
        calls.append(request)
        return make_private(cache_publicly(HttpResponse("mine"), keys=["k"]))

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/private/", **NEWS))
        assert state(response) is None
    assert len(calls) == 2


def test_a_response_that_sets_a_cookie_is_never_stored():
    def view(request):
        response = cache_publicly(HttpResponse("x"), keys=["k"])
        response.set_cookie("seen", "1")
        return response

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/cookie/", **NEWS))
    assert state(middleware(RequestFactory().get("/cookie/", **NEWS))) is None


def test_each_site_has_its_own_copy_of_a_path(client):
    news, sport = client.get("/", **NEWS), client.get("/", **SPORT)
    assert state(client.get("/", **NEWS)) == state(client.get("/", **SPORT)) == pagecache.HIT
    assert client.get("/", **NEWS).content == news.content
    assert client.get("/", **SPORT).content == sport.content
    assert news.content != sport.content


def test_host_games_cannot_poison_another_sites_cache(client):
    sport = client.get("/", **SPORT).content
    # A wildcard host resolves to the default site: it gets the news page, never sport's copy.
    other = client.get("/", HTTP_HOST="whatever.localhost")
    assert other.status_code == 200 and other.content != sport
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/", **SPORT).content == sport


def test_conditional_requests_get_304_from_the_stored_copy(client):
    first = client.get("/", **NEWS)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag, **NEWS).status_code == 304
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=modified, **NEWS).status_code == 304
    assert client.get("/", HTTP_IF_NONE_MATCH='"other"', **NEWS).status_code == 200


def test_unknown_query_parameters_neither_bust_the_cache_nor_reach_the_view(client):
    assert state(client.get("/news/?utm_source=a", **NEWS)) == pagecache.MISS
    assert state(client.get("/news/?utm_source=b&x=1", **NEWS)) == pagecache.HIT
    assert state(client.get("/news/", **NEWS)) == pagecache.HIT
    assert state(client.get("/news/?page=2", **NEWS)) == pagecache.MISS


def test_clients_cannot_force_a_render_with_no_cache(client):
    client.get("/", **NEWS)
    forced = client.get("/", HTTP_CACHE_CONTROL="no-cache", HTTP_PRAGMA="no-cache", **NEWS)
    assert state(forced) == pagecache.HIT


def test_a_session_cookie_gets_the_stored_page_and_a_waiting_message_bypasses_it(client):
    client.get("/", **NEWS)
    client.cookies["sessionid"] = "not-a-session"
    assert state(client.get("/", **NEWS)) == pagecache.HIT
    client.cookies["messages"] = "anything"
    assert state(client.get("/", **NEWS)) is None


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.HERALD_PAGE_CACHE = False
    client.get("/", **NEWS)
    assert state(client.get("/", **NEWS)) is None


# Purges -------------------------------------------------------------------------------------


def _two_articles_in_different_sections():
    articles = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")
    first = articles.first()
    section = first.get_parent()
    tags = list(first.specific.tags.values_list("pk", flat=True))
    authors = list(first.specific.authors.values_list("pk", flat=True))
    # Nothing in common: a shared tag or author would name the other article in the purge too.
    other = articles.exclude(path__startswith=section.path).exclude(tagged_items__tag__in=tags)
    other = other.exclude(authors__in=authors).first()
    return first.specific, other.specific, section.specific


def _url(page):
    return page.url_path[len("/localhost") :]


def test_publishing_an_article_purges_exactly_the_pages_that_show_it(
    client, django_capture_on_commit_callbacks
):
    article, other, section = _two_articles_in_different_sections()
    watched = {
        "article": _url(article),
        "section": _url(section),
        "home": "/",
        "other article": _url(other),
        "other section": _url(other.get_parent()),
    }
    for url in watched.values():
        client.get(url, **NEWS)
    client.get("/", **SPORT)

    article.title = "A new headline for the purge test"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    states = {name: state(client.get(url, **NEWS)) for name, url in watched.items()}
    assert states == {
        "article": pagecache.MISS,
        "section": pagecache.MISS,
        "home": pagecache.MISS,
        "other article": pagecache.HIT,
        "other section": pagecache.HIT,
    }
    assert state(client.get("/", **SPORT)) == pagecache.HIT
    assert b"A new headline for the purge test" in client.get(watched["article"], **NEWS).content


def test_unpublishing_removes_the_page_from_the_cache(client, django_capture_on_commit_callbacks):
    article, _, _ = _two_articles_in_different_sections()
    client.get(_url(article), **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(_url(article), **NEWS).status_code == 404


def test_moving_an_article_purges_old_and_new_sections(client, django_capture_on_commit_callbacks):
    article, other, section = _two_articles_in_different_sections()
    target = other.get_parent().specific
    for url in (_url(section), _url(target)):
        client.get(url, **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        article.move(target, pos="last-child")
    assert state(client.get(_url(section), **NEWS)) == pagecache.MISS
    assert state(client.get(_url(target), **NEWS)) == pagecache.MISS


def test_editing_an_author_purges_their_page(client, django_capture_on_commit_callbacks):
    author = Author.objects.filter(articles__isnull=False).first()
    client.get(f"/authors/{author.slug}/", **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        author.role = "Chief correspondent"
        author.save()
    response = client.get(f"/authors/{author.slug}/", **NEWS)
    assert state(response) == pagecache.MISS and b"Chief correspondent" in response.content


def test_publishing_a_section_purges_the_whole_site_for_its_navigation(
    client, django_capture_on_commit_callbacks
):
    article, _, section = _two_articles_in_different_sections()
    client.get(_url(article), **NEWS)
    section.title = "Renamed section"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert state(client.get(_url(article), **NEWS)) == pagecache.MISS


def test_nothing_is_purged_when_the_transaction_rolls_back(
    client, django_capture_on_commit_callbacks
):
    article, _, _ = _two_articles_in_different_sections()
    client.get(_url(article), **NEWS)
    with django_capture_on_commit_callbacks(execute=False):
        article.save_revision().publish()
    assert state(client.get(_url(article), **NEWS)) == pagecache.HIT


def test_a_purge_during_a_render_leaves_the_copy_stale(client, monkeypatch):
    """A purge that lands while a page renders may not be in that render: never keep it fresh."""
    home = HomePage.objects.get(url_path="/localhost/")
    original = selectors.sections_with_top_articles

    def latest_purged_mid_render(**kwargs):
        pagecache.keys_purge([f"page-{home.pk}"])
        return original(**kwargs)

    monkeypatch.setattr(selectors, "sections_with_top_articles", latest_purged_mid_render)
    client.get("/", **NEWS)
    monkeypatch.setattr(selectors, "sections_with_top_articles", original)
    assert state(client.get("/", **NEWS)) == pagecache.MISS


def test_each_purge_is_followed_by_a_fresh_render_not_the_old_copy(client):
    """Django renders a stale page itself when the front door did not (its memo of hosts has
    lapsed, or there is none): the render lock it takes is given back, so the next purge is
    rendered again rather than answered with the old copy until the lock expires."""
    home = HomePage.objects.get(url_path="/localhost/")
    client.get("/", **NEWS)
    for _ in range(3):
        pagecache.keys_purge([f"page-{home.pk}"])
        assert state(client.get("/", **NEWS)) == pagecache.MISS
        assert state(client.get("/", **NEWS)) == pagecache.HIT


# The front door (ASGI) and stampedes -------------------------------------------------------


@pytest.fixture
def home_renders(monkeypatch):
    """The home page's renders, counted by its section blocks, which every render reads
    (routable pages bind their views)."""
    renders = []
    original = selectors.sections_with_top_articles

    def counted(**kwargs):
        renders.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(selectors, "sections_with_top_articles", counted)
    return renders


def test_front_door_answers_hits_and_304s_without_django(front_door, home_renders):
    first = asgi_get(front_door, "/")
    assert first.status == 200 and first.cache_state == pagecache.MISS
    again = asgi_get(front_door, "/")
    assert again.cache_state == pagecache.HIT and again.body == first.body
    conditional = asgi_get(front_door, "/", headers=[("if-none-match", first.headers["etag"])])
    assert conditional.status == 304 and conditional.body == b""
    head = asgi_get(front_door, "/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert len(home_renders) == 1


def test_front_door_serves_sessions_and_passes_messages_and_unknown_hosts_on(
    front_door, home_renders
):
    asgi_get(front_door, "/")
    signed_in = asgi_get(front_door, "/", headers=[("cookie", "sessionid=abc; csrftoken=x")])
    assert signed_in.cache_state == pagecache.HIT and "set-cookie" not in signed_in.headers
    with_message = asgi_get(front_door, "/", headers=[("cookie", "sessionid=abc; messages=x")])
    assert with_message.cache_state is None
    assert asgi_get(front_door, "/", host="evil.example").status == 400
    assert len(home_renders) == 2


def test_many_readers_of_an_expired_page_cause_one_render(front_door, home_renders):
    asgi_get(front_door, "/")
    home = HomePage.objects.get(url_path="/localhost/")
    pagecache.keys_purge([f"page-{home.pk}"])
    home_renders.clear()

    answers = asgi_get_many(front_door, "/", 40)

    assert len(home_renders) == 1
    assert all(answer.status == 200 for answer in answers)
    states = sorted(answer.cache_state for answer in answers)
    assert states.count(pagecache.MISS) == 1 and states.count(pagecache.STALE) == 39


def test_many_readers_of_a_missing_page_wait_for_one_render(front_door, home_renders):
    asgi_get(front_door, "/")  # the host is now known to the front door
    key = pagecache.page_key(
        HomePage.objects.get(url_path="/localhost/").get_site().pk,
        pagecache.PageRequest("GET", "/", "", frozenset()),
    )
    pagecache.entry_drop(key)
    home_renders.clear()

    answers = asgi_get_many(front_door, "/", 40)

    assert len(home_renders) == 1
    assert all(answer.status == 200 and answer.body == answers[0].body for answer in answers)
    assert sorted(a.cache_state for a in answers).count(pagecache.HIT) == 39


# Errors -------------------------------------------------------------------------------------


def _database_down(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


def test_cached_pages_are_served_stale_when_the_database_fails(client, monkeypatch):
    client.raise_request_exception = False
    fresh = client.get("/", **NEWS)
    pagecache.keys_purge(["search"])  # irrelevant purge: the copy stays fresh
    home = HomePage.objects.get(url_path="/localhost/")
    pagecache.keys_purge([f"page-{home.pk}"])  # the copy is now stale: a render is needed
    monkeypatch.setattr(selectors, "sections_with_top_articles", _database_down)

    response = client.get("/", **NEWS)

    assert response.status_code == 200 and state(response) == pagecache.STALE_IF_ERROR
    assert response.content == fresh.content


def test_uncached_pages_and_writes_get_a_friendly_503_when_the_database_fails(client, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setattr(SectionPage, "serve", _database_down)
    monkeypatch.setattr(HomePage, "serve", _database_down)

    page = client.get("/news/", **NEWS)
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert b"Back in a moment" in page.content and b"nothing you sent" not in page.content
    write = client.post("/news/", {"q": "x"}, **NEWS)
    assert write.status_code == 503 and b"nothing you sent was saved" in write.content


def test_editing_a_profile_purges_the_public_profile_page(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from accounts.services import profile_update

    member = get_user_model().objects.exclude(username=None).first()
    client.get(f"/profile/{member.username}/", **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(member=member, display_name="Renamed Reader", bio="")
    response = client.get(f"/profile/{member.username}/", **NEWS)
    assert state(response) == pagecache.MISS and b"Renamed Reader" in response.content


def test_hot_pages_are_answered_from_process_memory_for_a_moment(client, settings, monkeypatch):
    """A purge from another process (seen only in the shared cache) reaches this process's
    memo within HERALD_PAGE_CACHE_LOCAL_SECONDS; a purge from this process at once."""
    settings.HERALD_PAGE_CACHE_LOCAL_SECONDS = 60
    client.get("/", **NEWS)
    home = HomePage.objects.get(url_path="/localhost/")
    key = pagecache.page_key(home.get_site().pk, pagecache.PageRequest("GET", "/", "", frozenset()))
    assert pagecache.entry_lookup_local(key)[1] == pagecache.FRESH_STATE

    # Another process purges: only the shared cache's version changes.
    pagecache.page_cache().set(f"sk:page-{home.pk}", pagecache.time.time(), timeout=None)
    assert pagecache.entry_lookup_local(key)[1] == pagecache.FRESH_STATE
    clock = pagecache.time.monotonic() + 61
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock)
    assert pagecache.entry_lookup_local(key)[1] == pagecache.STALE_STATE

    # A purge in this process is seen at once.
    monkeypatch.undo()
    pagecache.time.sleep(0.01)  # the new render starts after the other process's purge
    client.get("/", **NEWS)
    assert pagecache.entry_lookup_local(key)[1] == pagecache.FRESH_STATE
    pagecache.keys_purge([f"page-{home.pk}"])
    assert pagecache.entry_lookup_local(key)[1] == pagecache.STALE_STATE


def test_the_rules_a_hit_reads_follow_a_changed_setting(settings):
    """The settings a hit reads are read once per process, and again when one changes."""
    page_request = pagecache.PageRequest(
        method="GET", path="/news/", query_string="", cookies=frozenset({"seen"})
    )
    assert pagecache.is_cacheable_request(page_request)
    settings.HERALD_PAGE_CACHE_BYPASS_COOKIES = frozenset({"seen"})
    assert not pagecache.is_cacheable_request(page_request)
    settings.HERALD_PAGE_CACHE_BYPASS_COOKIES = frozenset({"messages"})
    settings.HERALD_PAGE_CACHE_SKIP_PATHS = ("/news/",)
    assert not pagecache.is_cacheable_request(page_request)
