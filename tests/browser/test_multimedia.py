"""A reader goes from the home page's Multimedia block to /multimedia/, filters, pages and
opens an item; the side columns come after the main stories on a phone."""

import re

from playwright.sync_api import expect


def test_reader_follows_the_multimedia_block_filters_pages_and_opens_an_item(page, news_url):
    page.goto(news_url + "/")
    block = page.locator(".multimedia")
    expect(block.locator(".media-card")).to_have_count(4)
    block.get_by_role("link", name="More multimedia").click()
    expect(page).to_have_url(news_url + "/multimedia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Multimedia")
    filters = page.get_by_role("navigation", name="Show")
    all_link = filters.get_by_role("link", name="All", exact=True)
    expect(all_link).to_have_attribute("aria-current", "page")

    filters.get_by_role("link", name="Reader pictures").click()
    expect(page).to_have_url(re.compile(r"/multimedia/\?kind=pictures$"))
    cards = page.locator(".media-grid .media-card")
    expect(cards.first).to_be_visible()
    assert set(cards.locator(".media-card__kind").all_inner_texts()) == {"Reader picture"}

    all_link.click()
    first_page = page.locator(".media-card__title").all_inner_texts()
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Older").click()
    expect(page).to_have_url(re.compile(r"/multimedia/\?page=2$"))
    expect(page.get_by_text("Page 2 of")).to_be_visible()
    assert not set(page.locator(".media-card__title").all_inner_texts()) & set(first_page)

    page.get_by_role("link", name="Galleries", exact=True).click()
    title = page.locator(".media-card__title").first.inner_text()
    page.locator(".media-card__link").first.click()
    expect(page).to_have_url(re.compile(r"/pictures/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_an_unknown_filter_is_page_not_found(page, news_url):
    response = page.goto(news_url + "/multimedia/?kind=nope")
    assert response.status == 404


def _top(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


def test_on_a_phone_the_section_stories_come_before_the_side_components(page, news_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(news_url + "/")
    story, weather = ".section-block .story-item", ".component-slot[data-slot=weather]"
    expect(page.locator(weather)).to_be_attached()
    assert _top(page, story) < _top(page, weather) < _top(page, ".site-footer")
    first = page.locator(f"{story}, {weather}").first
    assert first.evaluate("e => e.classList.contains('story-item')")  # document order too


def test_on_a_wide_screen_the_side_columns_sit_beside_the_stories(page, news_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(news_url + "/")
    sidebar = page.locator(".home-grid > .sidebar").bounding_box()
    first_section = page.locator(".section-block").first.bounding_box()
    assert first_section["x"] + first_section["width"] <= sidebar["x"]
    assert first_section["y"] < sidebar["y"] + sidebar["height"]  # beside it, not under it

    page.goto(news_url + "/news/")
    page.locator(".story-list .story-item__title a").first.click()
    aside = page.locator(".article-aside")
    expect(aside.get_by_role("heading", name=re.compile("^Latest in"))).to_be_visible()
    article, column = page.locator("article.article").bounding_box(), aside.bounding_box()
    assert column["x"] >= article["x"] + article["width"]
    assert column["y"] < article["y"] + 200  # starts at the top, beside the headline


def test_the_search_box_spans_its_row_on_a_phone(page, news_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(news_url + "/")
    form = page.locator(".masthead .search-form").bounding_box()
    brand = page.locator(".masthead .brand").bounding_box()
    assert abs(form["x"] - brand["x"]) < 2  # starts where the masthead starts
    assert form["width"] > 300
