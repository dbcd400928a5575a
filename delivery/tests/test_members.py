"""Members are served from the page cache; only what really changes a page goes round it."""

import pytest
from django.http import HttpResponseRedirect
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from delivery import pagecache
from delivery.middleware import flash_marked, flash_redirects
from newsroom.models import ArticlePage

from .asgi_client import asgi_get

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture
def article():
    return ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()


@pytest.fixture
def story(article):
    return article.url_path[len("/localhost") :]


@pytest.fixture
def member_client(make_member):
    client = Client(**NEWS)
    client.force_login(make_member("pagereader"))
    return client


def _member_cookies(member_client):
    """What a signed-in member's browser sends: the session, a CSRF token, the menu's hint."""
    session = member_client.cookies["sessionid"].value
    token = get_token(RequestFactory().get("/"))
    return session, [("cookie", f"sessionid={session}; csrftoken={token}; herald_signed_in=1")]


def test_a_members_hit_at_the_front_door_carries_nothing_of_the_session(
    front_door, member_client, story
):
    anonymous = asgi_get(front_door, story)
    assert anonymous.cache_state == pagecache.MISS
    session, cookies = _member_cookies(member_client)
    mine = asgi_get(front_door, story, headers=cookies)
    assert mine.cache_state == pagecache.HIT and mine.body == anonymous.body
    assert "set-cookie" not in mine.headers
    assert "cookie" not in mine.headers.get("vary", "").lower()
    assert session not in repr(mine.headers) and session.encode() not in mine.body
    assert b"pagereader" not in mine.body.lower()


def test_a_members_render_is_stored_for_everyone(front_door, member_client, story):
    _, cookies = _member_cookies(member_client)
    mine = asgi_get(front_door, story, headers=cookies)
    assert mine.cache_state == pagecache.MISS  # rendered without reading the session: stored
    assert "set-cookie" not in mine.headers
    anonymous = asgi_get(front_door, story)
    assert anonymous.cache_state == pagecache.HIT and anonymous.body == mine.body


def test_a_page_that_reads_differently_for_members_is_theirs_and_keeps_the_public_copy(
    front_door, member_client, article
):
    """The plain comments page: the anonymous copy says ``Vary: Cookie``; a member gets their
    own form, privately, and their visit does not throw the public copy away."""
    path = f"/comments/{article.pk}/"
    first = asgi_get(front_door, path)
    assert first.cache_state == pagecache.MISS and "Cookie" in first.headers["vary"]
    assert b"Post comment" not in first.body
    _, cookies = _member_cookies(member_client)
    for _ in range(2):
        mine = asgi_get(front_door, path, headers=cookies)
        assert mine.cache_state is None and mine.headers["cache-control"] == "private, no-store"
        assert b"Post comment" in mine.body
    assert asgi_get(front_door, path).cache_state == pagecache.HIT
    stale_session = [("cookie", "sessionid=gone")]  # a session that ended still asks
    assert asgi_get(front_door, path, headers=stale_session).cache_state is None


def test_a_restricted_page_renders_privately_for_a_member_and_is_never_stored(
    client, member_client, article, story
):
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert client.get(story, **NEWS).status_code == 302  # readers are asked to sign in
    for _ in range(2):
        mine = member_client.get(story)
        assert mine.status_code == 200 and "private" in mine.headers["Cache-Control"]
        assert pagecache.CACHE_HEADER not in mine.headers
    assert client.get(story, **NEWS).status_code == 302


def test_a_message_in_any_cookie_header_goes_round_the_cache(front_door, story):
    """HTTP/2 clients may send their cookies in several headers: all of them are read."""
    assert asgi_get(front_door, story).cache_state == pagecache.MISS
    assert asgi_get(front_door, story).cache_state == pagecache.HIT
    split = [("cookie", "messages=a-waiting-message"), ("cookie", "herald_signed_in=1")]
    assert asgi_get(front_door, story, headers=split).cache_state != pagecache.HIT
    assert asgi_get(front_door, story, headers=split[1:]).cache_state == pagecache.HIT


def test_an_emptied_messages_cookie_holds_no_message(client, story):
    client.get(story, **NEWS)
    client.cookies["messages"] = ""
    assert client.get(story, **NEWS).headers[pagecache.CACHE_HEADER] == pagecache.HIT


@pytest.mark.parametrize(
    ("location", "marked"),
    [
        ("/news/", "/news/?flash"),
        ("/search/?q=rain#results", "/search/?q=rain&flash#results"),
        ("/news/x/#comment-4", "/news/x/?flash#comment-4"),
        ("/news/?flash", "/news/?flash"),
    ],
)
def test_the_flash_marker_goes_in_the_query_before_the_fragment(location, marked):
    assert flash_marked(location) == marked


def test_a_marked_address_is_the_same_page_to_the_cache(client, story):
    client.get(story, **NEWS)
    again = client.get(f"{story}?flash", **NEWS)
    assert again.headers[pagecache.CACHE_HEADER] == pagecache.HIT


def test_a_members_own_pages_keep_their_query_and_are_not_marked(member_client, article):
    """Private pages outside the page cache: a member's request is not cut to the parameters
    public pages read (the response form's ``?response_to=``)."""
    form = member_client.get(f"/mynews/submit/?response_to={article.pk}").content.decode()
    assert f'name="response_to" value="{article.pk}"' in form


@pytest.mark.parametrize(
    ("location", "marked"),
    [
        ("/news/", "/news/?flash"),
        ("/mynews/mine/", "/mynews/mine/"),  # private: the browser keeps no copy
        ("/accounts/profile/", "/accounts/profile/"),
        ("https://elsewhere.example/", "https://elsewhere.example/"),
        ("//elsewhere.example/", "//elsewhere.example/"),
    ],
)
def test_only_redirects_leaving_a_message_to_cached_pages_here_are_marked(location, marked):
    def leaves_a_message(request):
        response = HttpResponseRedirect(location)
        response.set_cookie("messages", "waiting")
        return response

    def leaves_none(request):
        return HttpResponseRedirect(location)

    request = RequestFactory().get("/accounts/login/")
    assert flash_redirects(leaves_a_message)(request)["Location"] == marked
    assert flash_redirects(leaves_none)(request)["Location"] == location
