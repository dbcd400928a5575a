"""Signed-in members are served from the page cache: every cacheable response is the same bytes
for them as for an anonymous reader, and a member's render is stored like anyone's.

The demo network is crawled as an anonymous reader (``crawl.py``: every page type, feed,
sitemap, fragment and API response linked from anywhere), then each cacheable response is
rendered again for a signed-in member sending the cookies a member's browser sends.
"""

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from .crawl import crawl, render

HOSTS = ("localhost", "sport.localhost")


@pytest.fixture
def member_client(make_member):
    client = Client()
    client.force_login(make_member("reading_member"))
    client.cookies["herald_signed_in"] = "1"
    client.cookies["csrftoken"] = get_token(RequestFactory().get("/"))
    return client


def _varies_for_members(client, host, url):
    return "cookie" in client.get(url, HTTP_HOST=host).headers.get("Vary", "").lower()


def test_every_cacheable_response_is_the_same_for_a_member(client, member_client, settings):
    """Only a page that says it reads differently with a session (``Vary: Cookie``: the plain
    comments page, with the member's form) is rendered privately for them, and it says so."""
    settings.HERALD_PAGE_CACHE = False  # every request renders
    anonymous = crawl(client, HOSTS, per_shape=1)
    cacheable = {where: r for where, r in anonymous.items() if r.cacheable}
    shown = {url.split("/")[1] for _, url in cacheable}
    # Pages of every type, feeds, sitemaps, fragments, the API.
    assert {"", "news", "tags", "authors", "mynews", "galleries", "pictures", "profile"} <= shown
    assert {"feeds", "robots.txt", "api", "comments", "components", "traffic"} <= shown
    for (_, url), seen in cacheable.items():
        assert b"csrfmiddlewaretoken" not in seen.body, f"{url} embeds a CSRF token"

    differ, private, varying = [], [], []
    for (host, url), seen in cacheable.items():
        mine = render(member_client, host, url)
        if _varies_for_members(client, host, url):
            varying.append(url)
            if mine.cacheable:
                differ.append(url)  # a member's render of such a page must stay private
        elif not mine.cacheable:
            private.append(url)
        elif mine.body != seen.body or mine.keys != seen.keys:
            differ.append(url)
    assert not private, f"rendered privately for a member (the session was read): {private}"
    assert not differ, f"read differently for a member: {differ}"
    assert varying and all(url.startswith("/comments/") for url in varying), varying
