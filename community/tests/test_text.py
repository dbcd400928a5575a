"""What members type becomes safe rich text; words are counted on the text, not the markup."""

import re

import pytest

from community.text import link_count, plain_text, story_html, word_count

from .conftest import words


def count(source):
    return word_count(plain_text(story_html(source)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("One two three.", 3),
        ("**Bold** and *italic* words", 4),
        ("## A subheading\n\nThen a paragraph.", 5),
        ("<p>Pasted <b>HTML</b> <span style='x'>counts</span> too</p>", 4),
        ("[a link with five words](https://example.org/a/very/long/address)", 5),
        ("Don't co-operate: 3.5 per cent -- really?! ... !!!", 6),
        ("— – … ¡¿ «» ()[]", 0),
        ("Ngiyabonga kakhulu, ek is baie bly — ça va très bien", 10),
        ("Здравствуйте, как дела?", 3),
        ("你好世界", 4),
        ("日本語のテキスト", 8),
        ("مرحبا بالعالم", 2),
        ("हिन्दी भाषा", 2),  # vowel signs and virama are part of the word
        ("தமிழ் மொழி", 2),
        ("end. Start - again", 3),
        ("- first item\n- second item\n\n> a quoted line", 7),
    ],
)
def test_words_are_counted_on_the_text_without_markup(source, expected):
    assert count(source) == expected


def test_the_test_helper_makes_exact_word_counts():
    assert count(words(199)) == 199
    assert count(words(200)) == 200


def test_markdown_becomes_wagtail_rich_text():
    html = story_html(
        "# Big\n\n### Small\n\n**b** *i*\n\n- one\n\n1. first\n\n> quote\n\n[x](https://e.org)"
    )
    assert "<h2>Big</h2>" in html and "<h3>Small</h3>" in html
    assert "<b>b</b>" in html and "<i>i</i>" in html
    assert "<ul>" in html and "<ol>" in html and "<blockquote>" in html
    assert 'href="https://e.org"' in html
    assert link_count(html) == 1


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html,<script>alert(1)</script>)",
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">styled</p>',
        "<style>body{display:none}</style>",
        '<svg onload="alert(1)"><circle/></svg>',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<div onmouseover="alert(1)">hover</div>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://evil.example"><input name="p"></form>',
        '<a href="https://ok.example" onclick="alert(1)" target="_top">ok</a>',
        "<<script>script>alert(1)<</script>/script>",
        '<img src="x" alt="`<script>alert(1)</script>`">',
    ],
)
def test_every_spelling_of_script_is_removed(attack):
    html = story_html(f"Before {attack} after").lower()
    tags = " ".join(re.findall(r"<[^>]+>", html))  # what a browser would act on
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "<math",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<img",
        "target=",
    ):
        assert forbidden not in tags, (attack, html)
    assert "before" in html


def test_links_are_kept_for_the_web_and_marked_as_user_content():
    html = story_html("See [the report](https://example.org/report) or mail news@example.org")
    assert 'href="https://example.org/report"' in html
    assert 'rel="nofollow ugc noopener"' in html
