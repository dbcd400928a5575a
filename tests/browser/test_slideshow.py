"""Galleries as a reader meets them: a slideshow moved by buttons, arrows and the grid, whose
address follows the picture; each picture's own page opens on it; without JavaScript, the list."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility_and_weight import AXE_RULES


def _no_accessibility_violations(page):
    results = Axe().run(page, options=AXE_RULES)
    assert results.response["violations"] == [], results.generate_report()


def _first_gallery(page, news_url):
    page.goto(news_url + "/pictures/")
    return page.locator(".story-item__title a").first.get_attribute("href")


def test_a_reader_moves_through_a_gallery_and_picks_a_picture_from_the_grid(page, news_url):
    gallery = _first_gallery(page, news_url)
    page.goto(news_url + gallery)
    count = page.locator(".slideshow__count")
    total = int(re.search(r"of (\d+)", count.inner_text()).group(1))
    assert total >= 3
    expect(count).to_have_text(f"1 of {total}")
    expect(count).to_have_attribute("aria-live", "polite")
    _no_accessibility_violations(page)

    page.get_by_role("button", name="Next picture").click()
    expect(count).to_have_text(f"2 of {total}")
    expect(page).to_have_url(news_url + gallery + "2/")
    caption_two = page.locator(".slideshow__text").inner_text()

    page.keyboard.press("ArrowRight")
    expect(count).to_have_text(f"3 of {total}")
    expect(page).to_have_url(news_url + gallery + "3/")
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text(f"2 of {total}")

    page.locator("#search-q").focus()  # in the search box the arrows move the cursor
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text(f"2 of {total}")

    page.get_by_role("button", name="Grid view").click()
    expect(page.get_by_role("button", name="Grid view")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".slideshow__stage")).to_be_hidden()
    _no_accessibility_violations(page)
    page.get_by_role("link", name=re.compile(f"^Picture {total} of {total}:")).click()
    expect(page.locator(".slideshow__stage")).to_be_visible()
    expect(count).to_have_text(f"{total} of {total}")
    expect(page).to_have_url(news_url + gallery + f"{total}/")

    page.goto(news_url + gallery + "2/")
    expect(count).to_have_text(f"2 of {total}")
    expect(page.locator(".slideshow__text")).to_have_text(caption_two)
    assert page.title().startswith(f"{page.locator('h1').inner_text()}: picture 2 of {total}")
    _no_accessibility_violations(page)


def test_a_swipe_moves_to_the_next_picture(browser, news_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    gallery = _first_gallery(page, news_url)
    page.goto(news_url + gallery)
    box = page.locator(".slideshow__stage").bounding_box()
    y = box["y"] + 40
    page.mouse.move(box["x"] + box["width"] - 20, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, y, steps=5)
    page.mouse.up()
    expect(page.locator(".slideshow__count")).to_have_text(re.compile(r"^2 of \d+$"))
    context.close()


@pytest.mark.parametrize("where", ["/pictures/GALLERY", "/galleries/"])
def test_without_javascript_the_pictures_are_a_list_each_with_its_own_link(
    browser, news_url, where
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    if "GALLERY" in where:
        where = _first_gallery(page, news_url)
    page.goto(news_url + where)
    expect(page.locator(".slideshow__bar")).to_have_count(0)
    items = page.locator("[data-slide]")
    assert items.count() >= 3
    for index in range(items.count()):
        expect(items.nth(index)).to_be_visible()
        expect(items.nth(index).locator("a").first).to_have_attribute("href", re.compile(r"^/"))
    if where.startswith("/pictures/"):
        link = page.get_by_role("link", name=re.compile(r"^2 of \d+$"))
        expect(link).to_have_attribute("href", where + "2/")
        link.click()
        expect(page.locator("[data-slide]:visible")).to_have_count(1)
        expect(page.get_by_role("link", name="Next picture")).to_have_attribute(
            "href", where + "3/"
        )
    context.close()


def test_user_galleries_are_a_slideshow_over_the_page_of_pictures(page, news_url):
    page.goto(news_url + "/galleries/")
    count = page.locator(".slideshow__count")
    expect(count).to_have_text(re.compile(r"^1 of \d+$"))
    own_page = page.locator("[data-slide]").nth(1).get_attribute("data-link")
    page.get_by_role("button", name="Next picture").click()
    expect(count).to_have_text(re.compile(r"^2 of \d+$"))
    expect(page).to_have_url(news_url + own_page)
    _no_accessibility_violations(page)


def test_a_video_slide_plays_in_the_stage_and_stops_when_the_reader_moves_on(page, news_url):
    from tests.browser.test_video import _wait_until

    page.goto(news_url + "/pictures/")
    item = page.locator(".story-item").filter(has_text=re.compile(r"\b1 video\b"))
    gallery = item.locator(".story-item__title a").first.get_attribute("href")
    page.goto(news_url + gallery + "2/")
    count = page.locator(".slideshow__count")
    total = int(re.search(r"of (\d+)", count.inner_text()).group(1))
    expect(count).to_have_text(f"2 of {total}")

    video = page.locator(".slideshow__stage video")
    expect(video).to_be_visible()
    expect(page.locator(".slideshow__image")).to_be_hidden()
    poster = page.request.get(news_url + video.get_attribute("poster"))
    assert poster.status == 200 and poster.headers["content-type"] == "image/jpeg"
    expect(video.locator('track[kind="captions"]')).to_have_count(1)
    _no_accessibility_violations(page)

    video.evaluate("v => { v.muted = true; return v.play(); }")
    _wait_until(video, "v => v.currentTime > 0.3")
    video.focus()  # on the player the arrows seek: the slide stays
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text(f"2 of {total}")

    page.get_by_role("button", name="Next picture").click()
    expect(count).to_have_text(f"3 of {total}")
    expect(page.locator(".slideshow__stage video")).to_have_count(0)
    expect(page.locator(".slideshow__image")).to_be_visible()
    page.get_by_role("button", name="Previous picture").click()
    expect(video).to_be_visible()
    assert video.evaluate("v => v.paused"), "back on the slide, the video waits to be played"
