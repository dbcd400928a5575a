"""Reader contributions as people meet them: a member writes a response that is too short, is
told so with the text kept, extends it and sends it; an editor approves it in the admin; it is
in MyNews and under its article. A member sends a photo with a GPS location; once published,
the picture readers get has no metadata at all."""

import io
import re

from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import admin_sign_in
from tests.browser.test_accounts import _join

SENTENCE = (
    "The new footbridge over the river was promised for March, and the children still walk "
    "the long way round past the taxi rank every single morning. "
)  # 28 words


def _no_accessibility_violations(page):
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


def _text(words_wanted):
    words = (SENTENCE * (words_wanted // 28 + 1)).split()[:words_wanted]
    return " ".join(words)


def test_a_member_writes_a_response_an_editor_approves_it(browser, herald_server):
    base = herald_server.url
    writer = browser.new_context().new_page()
    _join(writer, herald_server, "palesa@example.com", "palesa_w", "Palesa W")
    writer.goto(base + "/")
    article_url = writer.locator(".lead-story__title a").get_attribute("href")
    article_title = writer.locator(".lead-story__title a").inner_text()
    writer.goto(base + article_url)
    writer.get_by_role("link", name="Write a response").click()
    expect(writer.get_by_role("heading", level=1)).to_have_text("Send us your story")
    expect(writer.locator(".notice")).to_contain_text(article_title)
    _no_accessibility_violations(writer)

    writer.get_by_label("Title").fill("The footbridge we are still waiting for")
    body = writer.get_by_label("Your story")
    body.fill(_text(150))
    expect(writer.locator("[data-word-count-output]")).to_have_text(
        "150 words (50 more to reach 200)"
    )
    writer.get_by_role("button", name="Send to the editors").click()
    expect(writer.locator(".form-errors")).to_contain_text("Your story has 150 words")
    expect(writer.get_by_label("Your story")).to_have_value(_text(150))  # nothing lost
    expect(writer.get_by_label("Title")).to_have_value("The footbridge we are still waiting for")

    writer.get_by_label("Your story").fill(_text(150) + "\n\n## What next\n\n" + _text(70))
    expect(writer.locator("[data-word-count-output]")).to_have_text(re.compile(r"^22\d words$"))
    writer.get_by_role("button", name="Send to the editors").click()
    expect(writer.get_by_role("heading", level=1)).to_have_text("My submissions")
    row = writer.locator("tr", has_text="The footbridge we are still waiting for")
    expect(row.locator(".state")).to_have_text("Submitted")
    _no_accessibility_violations(writer)

    editor = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    admin_sign_in(editor, herald_server)
    editor.goto(base + "/admin/contributions/")
    queued = editor.locator("tr.queue-row", has_text="The footbridge we are still waiting for")
    expect(queued).to_contain_text("Palesa W")
    queued.get_by_role("link", name="Review").click()
    expect(editor.locator(".contribution-context")).to_contain_text("Palesa W")
    review_url = editor.url
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish").click()
    expect(editor.locator(".messages")).to_contain_text(re.compile("updated|approved|published"))

    reader = browser.new_context().new_page()
    reader.goto(base + "/mynews/")
    reader.get_by_role("link", name="The footbridge we are still waiting for").click()
    expect(reader.locator(".kicker")).to_have_text("Reader contribution")
    expect(reader.locator(".byline")).to_contain_text("Palesa W")
    expect(reader.locator(".article-body h2")).to_have_text("What next")
    expect(reader.locator(".disclaimer")).to_contain_text("editorial discretion")
    reader.goto(base + article_url)
    responses = reader.locator(".responses")
    expect(
        responses.get_by_role("link", name="The footbridge we are still waiting for")
    ).to_be_visible()

    writer.goto(base + "/mynews/mine/")
    expect(writer.locator("tr", has_text="The footbridge").locator(".state")).to_have_text(
        "Published"
    )

    # Later the desk takes it down, saying why; the writer reads the reason.
    editor.goto(review_url)
    editor.get_by_role("link", name="Take down with a reason").click()
    editor.get_by_label("Reason").select_option("Unverified claims or no sources")
    editor.get_by_label("Your words to the contributor").fill("Please send the council's letter.")
    editor.get_by_role("button", name="Take down").click()
    expect(editor.locator(".messages")).to_contain_text("Taken down")
    expect(editor.locator("table", has_text="Taken down")).to_contain_text("council's letter")
    writer.goto(base + "/mynews/mine/")
    row = writer.locator("tr", has_text="The footbridge")
    expect(row.locator(".state")).to_have_text("Unpublished by the editors")
    expect(row).to_contain_text(
        "Unverified claims or no sources. Please send the council's letter."
    )
    row.get_by_role("link", name="Edit and send again").click()  # to mend it, as asked
    expect(writer.get_by_label("Title")).to_have_value("The footbridge we are still waiting for")


def _jpeg_with_gps(path):
    picture = Image.new("RGB", (900, 600), "darkorange")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (29.0, 51.0, 0.0)
    gps[3], gps[4] = "E", (31.0, 1.0, 0.0)
    picture.save(path, "JPEG", exif=exif)
    with Image.open(path) as check:
        assert check.getexif().get_ifd(0x8825)


def _metadata(data: bytes):
    with Image.open(io.BytesIO(data)) as picture:
        return dict(picture.getexif()), picture.info.get("exif")


def test_a_member_sends_a_photo_with_gps_and_the_published_picture_has_none(
    browser, herald_server, tmp_path
):
    base = herald_server.url
    photo = tmp_path / "IMG_0042.jpg"
    _jpeg_with_gps(photo)
    member = browser.new_context().new_page()
    _join(member, herald_server, "bongani@example.com", "bongani_p", "Bongani P")
    member.goto(base + "/galleries/")
    member.get_by_role("link", name="Send us your pictures").click()
    _no_accessibility_violations(member)
    member.get_by_label("Pictures").set_input_files(str(photo))
    member.get_by_label("Caption").fill("Sunrise over the Umgeni river mouth")
    member.get_by_label("Date taken").fill("2026-11-20")
    member.get_by_role("button", name="Send pictures").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("My submissions")
    expect(member.locator(".messages")).to_contain_text("1 picture sent to the editors")

    editor = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    admin_sign_in(editor, herald_server)
    editor.goto(base + "/admin/contributions/")
    queued = editor.locator("tr.queue-row", has_text="Sunrise over the Umgeni river mouth")
    queued.get_by_role("link", name="Review").click()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish").click()
    expect(editor.locator(".messages")).to_contain_text(re.compile("updated|approved|published"))

    reader = browser.new_context().new_page()
    reader.goto(base + "/galleries/")
    # The newest picture opens the slideshow; its link leads to the picture's own page.
    expect(reader.locator(".slideshow__text")).to_have_text("Sunrise over the Umgeni river mouth")
    reader.get_by_role("link", name="Link to this picture").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Sunrise over the Umgeni river mouth"
    )
    source = reader.locator("figure img").get_attribute("src")
    assert "IMG_0042" not in source
    shown = reader.request.get(source if source.startswith("http") else base + source)
    assert shown.ok
    assert _metadata(shown.body()) == ({}, None)
    originals = list((herald_server.var / "media" / "original_images").glob("*"))
    assert originals and not any("IMG_0042" in p.name for p in originals)
    for original in originals:
        assert _metadata(original.read_bytes())[0].get(0x8825) is None


def test_an_editor_publishes_wire_copy_from_the_wire_list(browser, herald_server):
    editor = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    admin_sign_in(editor, herald_server)
    editor.goto(herald_server.url + "/admin/wire/")
    row = editor.locator("tr", has_text="New ferry route links the two harbours")
    row.get_by_role("button", name="Publish").click()
    expect(editor.locator(".messages")).to_contain_text(
        "“New ferry route links the two harbours” is published."
    )
    expect(row).to_contain_text("Published")
    reader = browser.new_context().new_page()
    reader.goto(herald_server.url + "/search/?q=ferry+harbours")
    reader.get_by_role("link", name=re.compile("New ferry route")).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "New ferry route links the two harbours"
    )
