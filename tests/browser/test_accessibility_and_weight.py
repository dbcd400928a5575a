"""Pages pass axe-core with no violations, and an article stays light."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_BUDGET_BYTES = 60 * 1024
# WCAG 2.2 AA (target size among them) and axe's best practices (unique landmarks, so two
# search forms on one page must be told apart), not only the rules axe runs by default.
AXE_RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def _first_article_url(page, news_url):
    page.goto(news_url + "/news/")
    return page.locator(".story-list .story-item__title a").first.get_attribute("href")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/",
        "ARTICLE",
        "/tags/economy/",
        "/pictures/",
        "/accounts/login/",
        "/accounts/signup/",
        "AUTHOR",
        "/news/africa/",
        "/profile/thandi_m/",
        "/no/such/page/",
        "/search/?q=minister",
        "/api/v1/docs/",
        "/settings/locations/",
        "/traffic/",
        "/listings/",
        "/listings/?page=2",
        "/multimedia/",
        "/multimedia/?kind=pictures",
        "/multimedia/?kind=videos",
        "VIDEO_STORY",
        "GALLERY",
        "/mynews/",
        "READER_STORY",
        "/galleries/",
        "READER_PICTURE",
    ],
)
def test_page_has_no_accessibility_violations(page, news_url, path):
    if path == "ARTICLE":
        path = _first_article_url(page, news_url)
    elif path == "AUTHOR":
        page.goto(news_url + _first_article_url(page, news_url))
        path = page.locator('a[href^="/authors/"]').first.get_attribute("href")
    elif path == "READER_STORY":
        page.goto(news_url + "/mynews/")
        path = page.locator(".story-item__title a").first.get_attribute("href")
    elif path == "VIDEO_STORY":
        page.goto(news_url + "/multimedia/?kind=videos")
        path = page.locator(".media-card a").first.get_attribute("href")
    elif path == "GALLERY":
        page.goto(news_url + "/multimedia/?kind=galleries")
        path = page.locator(".media-card a").first.get_attribute("href")
    elif path == "READER_PICTURE":
        page.goto(news_url + "/galleries/")
        path = page.locator(".picture-item a").first.get_attribute("href")
    page.goto(news_url + path)
    results = Axe().run(page, options=AXE_RULES)
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def test_article_html_css_and_js_stay_under_60_kb(page, news_url):
    url = news_url + _first_article_url(page, news_url)
    transferred = {}

    def record(response):
        kind = response.request.resource_type
        if kind in {"document", "stylesheet", "script"}:
            transferred[response.url] = len(response.body())

    page.on("response", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert url in transferred
    assert sum(transferred.values()) < PAGE_BUDGET_BYTES, transferred
