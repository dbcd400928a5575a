"""Outages, by actually stopping the services: Herald's own throwaway PostgreSQL and Redis on
ports of their own (the machine's shared servers are never touched).

- Database down: cached pages are still served, pages not in cache get the friendly 503, a form
  post gets a 503 that says nothing was saved, /healthz says so; all recover when it is back.
- Redis down: pages render without the shared cache, with no 500s; /healthz says "degraded".
"""

import contextlib
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.servers import (
    ThrowawayPostgres,
    free_port,
    manage,
    redis_server,
    server_environment,
    start_server,
)

pytestmark = pytest.mark.integration

ARTICLE_URLS = """
import json
from newsroom.models import ArticlePage
pages = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").order_by("pk")[:2]
print(json.dumps([p.url_path[len("/localhost"):] for p in pages]))
"""


class Browser:
    """A reader with a cookie jar; answers (status, headers, body) whatever the status."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


def _csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_database_down_serves_cached_pages_and_a_friendly_503(tmp_path, page):
    with contextlib.ExitStack() as stack:
        postgres = ThrowawayPostgres(free_port())
        stack.callback(postgres.remove)
        postgres.start()
        postgres.create_database()
        port = free_port()
        environment = server_environment(
            tmp_path,
            stack,
            port=port,
            articles=30,
            database_url=postgres.url,
            REDIS_URL=None,
            HERALD_PAGE_CACHE_TTL="2",  # so that the cached copies are stale when it goes down
        )
        base = start_server(environment, stack, port=port, log_path=tmp_path / "server.log")
        cached, uncached = json.loads(
            manage(environment, "shell", "-c", ARTICLE_URLS).stdout.splitlines()[-1]
        )
        reader = Browser(base)
        for path in ("/", cached):
            assert reader.open(path)[0] == 200
        status, _, login_page = reader.open("/accounts/login/")
        token = _csrf_token(login_page)
        time.sleep(2.5)

        postgres.stop()

        for path in ("/", cached):
            status, headers, _ = reader.open(path)
            assert status == 200 and headers["X-Herald-Cache"] in ("STALE-IF-ERROR", "STALE")
        status, headers, body = reader.open(uncached)
        assert status == 503 and headers["Retry-After"] == "30"
        assert "Back in a moment" in body and "Traceback" not in body
        status, _, body = reader.open(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": "a@example.com", "password": "x"},
            headers={"Referer": base + "/accounts/login/"},
        )
        assert status == 503 and "nothing you sent was saved" in body
        status, _, body = reader.open("/healthz")
        assert status == 503 and json.loads(body)["checks"]["database"] == "unreachable"
        _reader_sees_the_outage_in_a_browser(
            page, base, cached=cached, uncached=uncached, shots=tmp_path
        )

        postgres.start()

        assert reader.open(uncached)[0] == 200
        assert reader.open("/healthz")[0] == 200


def _reader_sees_the_outage_in_a_browser(page, base, *, cached, uncached, shots):
    from playwright.sync_api import expect

    page.goto(base + cached)
    expect(page.locator("article h1")).to_be_visible()
    page.goto(base + uncached)
    expect(page.get_by_role("heading", name="Back in a moment")).to_be_visible()
    page.screenshot(path=shots / "database-down.png")
    page.get_by_role("link", name="Go to the front page").click()
    expect(page.locator(".masthead").first).to_be_visible()


def test_redis_down_renders_without_the_shared_cache(tmp_path):
    with contextlib.ExitStack() as stack:
        redis_port, port = free_port(), free_port()
        redis = redis_server(redis_port)
        stack.callback(redis.kill)
        environment = server_environment(
            tmp_path,
            stack,
            port=port,
            articles=30,
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        )
        base = start_server(environment, stack, port=port, log_path=tmp_path / "server.log")
        reader = Browser(base)
        assert reader.open("/")[1]["X-Herald-Cache"] == "MISS"
        assert reader.open("/")[1]["X-Herald-Cache"] == "HIT"

        redis.terminate()
        redis.wait(timeout=10)

        for path in ("/", "/news/", "/accounts/login/", "/feeds/rss/", "/search/?q=water"):
            status, _, body = reader.open(path)
            assert status == 200, (path, body[:300])
        status, _, body = reader.open("/healthz")
        assert status == 200 and json.loads(body) == {
            "status": "degraded",
            "checks": {"database": "ok", "cache": "unreachable", "worker": "ok"},
        }
