"""A reader finds their way around the network as a person would: by clicking."""

import re

from playwright.sync_api import expect


def test_reader_goes_from_home_to_section_article_tag_and_the_sport_site(page, news_url):
    page.goto(news_url + "/")
    expect(page.locator(".brand")).to_have_text("Herald News")
    expect(page.locator(".lead-story__title")).to_be_visible()

    page.locator(".section-nav").get_by_role("link", name="Business").click()
    expect(page).to_have_url(re.compile(r"/business/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Business")

    first_story = page.locator(".story-list .story-item__title a").first
    headline = first_story.inner_text()
    first_story.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    expect(page.locator(".byline")).to_contain_text("By ")
    expect(page.locator(".meta time").first).to_have_text(
        re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
    )

    tag_link = page.locator(".read-more a").first
    tag_name = tag_link.inner_text()
    tag_link.click()
    expect(page).to_have_url(re.compile(r"/tags/[\w-]+/$"))
    expect(page.locator(".kicker")).to_have_text("Read more on")
    expect(page.get_by_role("heading", level=1)).to_have_text(tag_name)
    expect(page.get_by_role("link", name=headline).first).to_be_visible()

    page.locator(".network-bar").get_by_role("link", name="Herald Sport").click()
    expect(page).to_have_url(re.compile(r"//sport\.localhost:\d+/$"))
    expect(page.locator(".brand")).to_have_text("Herald Sport")
    expect(page.locator(".section-nav")).to_contain_text("Rugby")


def test_reader_opens_news_in_pictures_and_a_gallery(page, news_url):
    page.goto(news_url + "/")
    page.locator(".section-nav").get_by_role("link", name="News in Pictures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("News in Pictures")
    page.locator(".story-item__title a").first.click()
    # The gallery opens as a slideshow on its first picture (test_slideshow.py goes on).
    expect(page.locator(".slideshow img").first).to_be_visible()
    expect(page.locator(".slideshow__count")).to_have_text(re.compile(r"^1 of \d+$"))


def test_reader_searches_from_the_header(page, news_url):
    page.goto(news_url + "/")
    page.get_by_label("Search stories").first.fill("minister")
    page.get_by_role("button", name="Search").first.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=minister"))
    expect(page.locator(".story-list .meta").first).to_contain_text("found for")
    expect(page.locator(".story-item__title mark").first).to_have_text(re.compile("minister", re.I))

    page.get_by_label("Section", exact=True).select_option(label="Business")
    page.locator(".search-page-form").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"section=\d+"))
    expect(page.get_by_label("Section", exact=True)).to_have_value(re.compile(r"\d+"))  # kept
    for link in page.locator(".story-item__title a").all():
        assert link.get_attribute("href").startswith("/business/")


def test_unknown_address_shows_the_styled_404_with_a_way_back(page, news_url):
    response = page.goto(news_url + "/no/such/story/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.get_by_role("link", name="Go to the front page").click()
    expect(page.locator(".lead-story__title")).to_be_visible()


def test_footer_leads_to_the_policies(page, sport_url):
    page.goto(sport_url + "/")
    page.locator(".site-footer").get_by_role("link", name="Contributions policy").click()
    expect(page.locator(".policy")).to_contain_text("200 words or more")


def test_developer_reads_the_api_docs_and_follows_the_openapi_link(page, news_url):
    page.goto(news_url + "/api/v1/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Herald public API")
    expect(page.get_by_role("heading", name="GET /api/v1/articles", exact=True)).to_be_visible()
    with page.expect_response(re.compile(r"/api/v1/openapi\.json$")) as response:
        page.get_by_role("link", name="/api/v1/openapi.json").click()
    assert response.value.json()["paths"]["/api/v1/articles"]["get"]
