"""A reader with the home page open learns of a story an editor publishes, without reloading."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in

NOTICE = re.compile(r"There are new stories on the homepage\. Click here to see them\. \(1\)")


def test_notice_appears_when_an_editor_publishes_and_click_shows_the_story(browser, herald_server):
    reader = browser.new_context().new_page()
    reader.goto(herald_server.url + "/")
    headline = reader.locator(".lead-story__title a").inner_text()
    expect(reader.locator("#live-notice")).to_be_empty()

    editor = browser.new_context().new_page()
    admin_sign_in(editor, herald_server)
    editor.goto(herald_server.url + "/admin/pages/search/?q=" + headline)
    editor.get_by_role("link", name=headline).first.click()
    new_headline = "Dam levels recover after a week of rain"
    editor.locator("#id_title").fill(new_headline)
    editor.locator("footer .w-dropdown__toggle").click()
    editor.locator("footer button[name=action-publish]").click()
    expect(editor.locator(".messages")).to_contain_text("published")

    notice = reader.locator("#live-notice button")
    expect(notice).to_have_text(NOTICE, timeout=10_000)
    expect(reader.locator(".lead-story__title a")).to_have_text(headline)  # nothing moved yet
    notice.click()
    expect(reader.locator(".lead-story__title a")).to_have_text(new_headline)
    expect(reader.locator("#live-notice")).to_be_empty()
    assert reader.url == herald_server.url + "/"  # refreshed in place, no navigation
