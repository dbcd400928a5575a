"""A signed-in member reads at cache speed and still sees what is theirs: the menu, the comment
form and their messages, each message on the page that follows the action and never later."""

import re
import urllib.request
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.test_accounts import _confirmation_link, _join

PASSWORD = "a-long-pass-phrase-42"


def _stories(page, base, count):
    page.goto(base + "/")
    links = page.locator(".story-item a[href^='/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    # Comment-count badges link to "#comments" of the same stories: one address each.
    paths = (link.split("#", 1)[0] for link in links)
    stories = [link for link in dict.fromkeys(paths) if link.count("/") >= 3]
    assert len(stories) >= count
    return stories[:count]


def _warm(base, path):
    """Read ``path`` as an anonymous reader once, so that the page cache holds it."""
    with urllib.request.urlopen(base + path) as answer:  # noqa: S310 (loopback)
        answer.read()


def test_member_signs_in_from_a_story_and_reads_from_the_cache_with_their_own_parts(
    browser, herald_server
):
    base = herald_server.url
    joining = browser.new_context()
    _join(
        joining.new_page(),
        herald_server,
        "story.reader@example.com",
        "story_reader",
        "Story Reader",
    )
    joining.close()

    context = browser.new_context()
    page = context.new_page()
    first, second, third = _stories(page, base, 3)
    page.goto(base + first)  # read before signing in: the browser keeps its own copy
    page.locator("#user-menu").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(
        re.compile(r"/accounts/login/\?next=" + re.escape(quote(first, safe="")))
    )
    page.get_by_label("Email:").fill("story.reader@example.com")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(re.escape(first) + r"(\?flash)?$"))  # back to the story
    expect(page.locator(".messages")).to_contain_text("Successfully signed in")
    expect(page.locator("#user-menu")).to_contain_text("Story Reader")

    for story in (second, third):
        _warm(base, story)
        answer = page.goto(base + story)
        assert answer.headers["x-herald-cache"] == "HIT"  # the stored page, for a member too
        assert "set-cookie" not in answer.headers
        expect(page.locator("#user-menu")).to_contain_text("Story Reader")  # their own menu
        comments = page.locator("#comments [data-comments-form]")
        expect(comments.get_by_label("Your comment", exact=True)).to_be_visible()
        expect(page.locator(".messages")).to_have_count(0)  # the sign-in message stayed put

    comments.get_by_label("Your comment", exact=True).fill("Read this one twice, thank you.")
    comments.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(re.escape(third) + r"\?flash#comment-\d+$"))
    expect(page.locator(".messages")).to_contain_text("Your comment is published.")

    other = page.locator(".comment", has_not_text="Read this one twice").first
    other.get_by_role("link", name="Report").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report")
    expect(page.locator(".messages")).to_have_count(0)  # not "published" again, here

    answer = page.goto(base + third)
    assert answer.headers["x-herald-cache"] == "HIT"
    expect(page.locator(".messages")).to_have_count(0)
    expect(page.locator(".comment", has_text="Read this one twice, thank you.")).to_be_visible()
    context.close()


def test_joining_from_a_story_ends_on_it_with_the_welcome_shown_once(browser, herald_server):
    base = herald_server.url
    context = browser.new_context()
    page = context.new_page()
    (story,) = _stories(page, base, 1)
    page.goto(base + story)
    page.locator("#user-menu").get_by_role("link", name="Join").click()
    page.get_by_label("Email:").fill("story.joiner@example.com")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.goto(_confirmation_link(herald_server.var / "mail", "story.joiner@example.com"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Username").fill("story_joiner")
    page.get_by_label("Display name").fill("Story Joiner")
    page.get_by_role("button", name="Create profile").click()

    expect(page).to_have_url(re.compile(re.escape(story) + r"(\?flash)?$"))
    expect(page.locator(".messages")).to_contain_text(
        "Welcome, Story Joiner! Your profile is ready."
    )
    page.goto(base + "/accounts/profile/edit/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".messages")).to_have_count(0)
    context.close()


def test_the_comment_prompt_signs_in_back_to_the_comments(browser, herald_server):
    base = herald_server.url
    page = browser.new_context().new_page()
    (story,) = _stories(page, base, 1)
    page.goto(base + story)
    prompt = page.locator("#comments [data-comments-form]")
    expect(prompt.get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/accounts/login/?next=" + quote(story + "#comments", safe="")
    )
    expect(prompt.get_by_role("link", name="join")).to_have_attribute(
        "href", "/accounts/signup/?next=" + quote(story + "#comments", safe="")
    )
