"""An embed shows the provider's player where oEmbed answers, and otherwise a plain link with
the title the editor typed: never an error, to readers or to the editor saving offline."""

import pytest
from django.utils.safestring import mark_safe

from newsroom.blocks import ArticleBodyBlock, EmbedBlock


def _render(value):
    block = EmbedBlock()
    return block.render(block.to_python(value))


def test_an_embed_no_provider_knows_is_a_link_with_its_title():
    html = _render({"url": "https://example.org/clip/12", "title": "The mayor's speech"})
    assert (
        '<a href="https://example.org/clip/12" rel="noopener">The mayor&#x27;s speech</a>' in html
    )


def test_an_embed_whose_provider_fails_is_a_link(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("provider down")

    monkeypatch.setattr("newsroom.blocks.embed_to_frontend_html", fail)
    html = _render({"url": "https://www.youtube.com/watch?v=abc", "title": "Match highlights"})
    assert ">Match highlights</a>" in html


def test_an_embed_the_provider_answers_shows_its_html(monkeypatch):
    monkeypatch.setattr(
        "newsroom.blocks.embed_to_frontend_html",
        lambda url: mark_safe('<iframe title="player"></iframe>'),  # as Wagtail's template gives
    )
    html = _render({"url": "https://www.youtube.com/watch?v=abc", "title": "Match highlights"})
    assert '<iframe title="player"></iframe>' in html and "Match highlights" not in html


def test_an_embed_saved_as_a_bare_url_still_reads_and_renders_as_a_link():
    body = ArticleBodyBlock()
    value = body.to_python([{"type": "embed", "value": "https://example.org/old", "id": "1"}])
    assert value[0].value["url"] == "https://example.org/old"
    assert '<a href="https://example.org/old" rel="noopener">https://example.org/old</a>' in (
        value[0].render()
    )


def test_an_embed_validates_offline():
    block = EmbedBlock()
    value = block.to_python({"url": "https://example.org/clip/12", "title": "Speech"})
    assert block.clean(value)["title"] == "Speech"


@pytest.mark.parametrize("missing", ["url", "title"])
def test_an_embed_needs_its_address_and_title(missing):
    from django.core.exceptions import ValidationError

    block = EmbedBlock()
    value = {"url": "https://example.org/clip/12", "title": "Speech", missing: ""}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))
