"""Uploads as a member meets them: an animated avatar is refused with a message and everything
typed kept; a still picture with a very long file name is then accepted."""

import io

from PIL import Image
from playwright.sync_api import expect

from tests.browser.test_accounts import _join


def _png(*, frames=1):
    pictures = [Image.new("RGB", (32, 32), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    pictures[0].save(out, "PNG", save_all=frames > 1, append_images=pictures[1:frames])
    return out.getvalue()


def test_an_animated_avatar_is_refused_with_the_text_kept_then_a_long_named_one_is_saved(
    page, herald_server
):
    _join(page, herald_server, "zodwa@example.com", "zodwa_uploads", "Zodwa")
    page.goto(herald_server.url + "/accounts/profile/edit/")
    page.get_by_label("Display name").fill("Lindiwe Mkhize")
    page.get_by_label("Bio").fill("Netball coach in Pietermaritzburg.")
    page.get_by_label("Avatar").set_input_files(
        {"name": "waving.png", "mimeType": "image/png", "buffer": _png(frames=3)}
    )
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".field--error")).to_contain_text(
        "Animated pictures aren't accepted; send a still picture."
    )
    expect(page.get_by_label("Display name")).to_have_value("Lindiwe Mkhize")
    expect(page.get_by_label("Bio")).to_have_value("Netball coach in Pietermaritzburg.")

    # Chromium sends the whole name; Django alone would answer a bare "Bad Request (400)".
    long_name = "holiday at the beach with the whole team " * 30 + ".png"
    assert len(long_name) > 1200
    page.get_by_label("Avatar").set_input_files(
        {"name": long_name, "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("Your profile is saved")
    expect(page.locator("img.avatar")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Lindiwe Mkhize")
