"""Comments as people use them: post and reply, a refused word, a report, the moderator's desk,
and article pages that stay the same for every anonymous reader."""

import re
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in
from tests.browser.test_accounts import _join


def _newest_article(page, base):
    page.goto(base + "/")
    return page.locator(".lead-story__title a").get_attribute("href")


def test_members_post_reply_report_and_a_moderator_rejects(browser, herald_server):
    base = herald_server.url
    writer = browser.new_context().new_page()
    writer.goto(base + "/")
    expect(writer.locator(".story-item .comment-count").first).to_have_text(
        re.compile(r"^\d+ comments?$")
    )  # the demo's threads, counted for the whole list in one request
    _join(writer, herald_server, "lerato@example.com", "lerato_d", "Lerato D")
    article = _newest_article(writer, base)
    writer.goto(base + article)
    form = writer.locator("#comments [data-comments-form]")
    expect(form.get_by_label("Your comment", exact=True)).to_be_visible()

    form.get_by_label("Your comment", exact=True).fill(
        "You absolute scumbag, this is the worst reporting."
    )
    form.get_by_role("button", name="Post comment").click()
    expect(writer.locator(".form-errors")).to_contain_text("not allowed here")
    expect(writer.get_by_label("Your comment", exact=True)).to_have_value(
        "You absolute scumbag, this is the worst reporting."
    )  # kept, on the plain comments page

    writer.goto(base + article)
    form.get_by_label("Your comment", exact=True).fill(
        "Clear explainer, thank you. <script>alert(1)</script>"
    )
    form.get_by_role("button", name="Post comment").click()
    expect(writer).to_have_url(re.compile(r"#comment-\d+$"))
    mine = writer.locator(".comment", has_text="Clear explainer, thank you.").first
    expect(mine).to_contain_text("<script>alert(1)</script>")  # shown as text
    expect(mine.locator(".comment__author")).to_have_text("Lerato D")

    thread = writer.locator("#comments [data-comments-thread]")
    first = thread.locator(".comment:not(.comment--reply)").first
    parent_name = first.locator(".comment__author").first.inner_text()
    first.get_by_role("link", name="Reply").first.click()
    expect(form.locator("[data-replying]")).to_contain_text(parent_name)
    form.get_by_label("Your comment", exact=True).fill("Replying with a source for this.")
    form.get_by_role("button", name="Post comment").click()
    reply = writer.locator(".comment--reply", has_text="Replying with a source for this.")
    expect(reply).to_be_visible()

    reporter = browser.new_context().new_page()
    _join(reporter, herald_server, "kabelo@example.com", "kabelo_r", "Kabelo R")
    reporter.goto(base + article)
    target = reporter.locator(".comment", has_text="Clear explainer, thank you.").first
    target.get_by_role("link", name="Report").first.click()
    reporter.get_by_label("Spam").check()
    reporter.get_by_label("Anything moderators should know").fill("Looks like a bot")
    reporter.get_by_role("button", name="Report").click()
    expect(reporter.locator(".messages")).to_contain_text("moderators will look")

    desk = browser.new_context().new_page()
    admin_sign_in(desk, herald_server)
    desk.goto(base + "/admin/comments/?queue=reported")
    item = desk.locator(".comment-desk__item", has_text="Clear explainer, thank you.")
    expect(item).to_contain_text("Looks like a bot")
    item.locator("input[type=checkbox]").check()
    desk.get_by_label("Action").select_option("reject")
    desk.locator("#desk-reason").fill("Spam or advertising")
    desk.get_by_role("button", name="Apply").click()
    expect(desk.locator(".messages")).to_contain_text("Rejected: 1 comment")

    reader = browser.new_context().new_page()
    reader.goto(base + article)
    expect(reader.locator("#comments .thread")).to_be_visible()
    expect(reader.locator("#comments")).not_to_contain_text("Clear explainer, thank you.")
    writer.goto(base + article)
    expect(writer.locator(".my-comments")).to_contain_text("Spam or advertising")


def test_the_article_html_is_the_same_before_and_after_a_member_signs_in(browser, herald_server):
    base = herald_server.url
    page = browser.new_context().new_page()
    article = _newest_article(page, base)

    def anonymous_html():
        with urllib.request.urlopen(base + article) as answer:  # noqa: S310 (loopback)
            return answer.read()

    before = anonymous_html()
    _join(page, herald_server, "member.elsewhere@example.com", "elsewhere", "Elsewhere")
    page.goto(base + article)
    expect(page.locator("#comments").get_by_label("Your comment", exact=True)).to_be_visible()
    assert anonymous_html() == before
    assert b"Elsewhere" not in before


def test_respect_replies_notifications_and_editing(browser, herald_server):
    base = herald_server.url
    author = browser.new_context().new_page()
    _join(author, herald_server, "sizwe@example.com", "sizwe_m", "Sizwe M")
    article = _newest_article(author, base)
    author.goto(base + article)
    form = author.locator("#comments [data-comments-form]")
    form.get_by_label("Your comment", exact=True).fill("Teh council should publish the audit.")
    form.get_by_role("button", name="Post comment").click()
    expect(author).to_have_url(re.compile(r"#comment-\d+$"))

    replier = browser.new_context().new_page()
    _join(replier, herald_server, "anele@example.com", "anele_z", "Anele Z")
    replier.goto(base + article)
    mine = replier.locator(".comment", has_text="publish the audit").first
    respect = mine.locator("[data-respect]").first
    respect.click()
    expect(respect.locator(".comment__respect-count")).to_have_text("1")
    for text in ["Agreed.", "It was due in May.", "Ask the MEC.", "Seconded."]:
        replier.goto(base + article)
        mine.get_by_role("link", name="Reply").first.click()
        box = replier.locator("#comments").get_by_label("Your comment", exact=True)
        box.fill(text)
        replier.get_by_role("button", name="Post comment").click()
        expect(replier.locator(".messages")).to_contain_text("published")
    expect(mine.locator(".comment--reply")).to_have_count(3)  # the first three, then a link
    replier.goto(base + article)
    mine.get_by_role("link", name="Show all 4 replies").click()
    expect(replier.get_by_role("heading", level=1)).to_contain_text("Replies on")
    expect(replier.locator(".comment--reply")).to_have_count(4)

    author.goto(base + "/")
    author.locator("#user-menu").get_by_role("link", name="Notifications").click()
    expect(author.locator(".notifications li").first).to_contain_text(
        "Anele Z replied to your comment"
    )
    author.goto(base + article)
    author.locator(".my-comments").get_by_role("link", name="Edit").first.click()
    author.get_by_label("Your comment").fill("The council should publish the audit.")
    author.get_by_role("button", name="Save").click()
    edited = author.locator(".comment", has_text="The council should publish the audit.").first
    expect(edited.locator(".comment__edited")).to_have_text("edited")
