"""A reader story's text: what members type becomes safe rich text, and its words are counted.

Members write in a textarea with light Markdown (``## Subheading``, ``**bold**``, ``*italic*``,
``- lists``, ``> quotes``, ``[links](https://…)``); pasted HTML is accepted too. Whatever the
browser sends, the result passes through nh3 with a short allow-list, so no script, event handler,
style, frame or ``javascript:``/``data:`` link survives in any spelling. The stored HTML is
Wagtail's rich text format, so editors can go on in the admin's editor.
"""

import html
import re
import unicodedata

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "b",
    "strong",
    "i",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "blockquote", "link"]

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
_markdown.disable(["image", "code", "fence", "table"], ignoreInvalid=True)

# A word is a run of letters, digits and combining marks (the vowel signs of Hindi or Tamil),
# joined by an apostrophe, hyphen or dot ("don't", "co-operate", "3.5"). Chinese and Japanese
# are written without spaces: each of their characters counts as a word.
JOINERS = set("'’.-")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
    )


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def contribution_links_marked(rendered_html: str) -> str:
    """A published story's HTML with every link marked as a member's (``nofollow ugc``), also
    links an editor added or kept in the admin's editor, which does not store ``rel``."""
    return nh3.clean(
        rendered_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def story_html(source: str) -> str:
    """Safe rich text HTML from what a member typed."""
    tokens = _markdown.parse(source or "")
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = "h2" if token.tag in {"h1", "h2"} else "h3"
    rendered = _markdown.renderer.render(tokens, _markdown.options, {})
    rendered = re.sub(r"<h1\b", "<h2", rendered)
    rendered = re.sub(r"</h1>", "</h2>", rendered)
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )
    clean = clean.replace("<strong>", "<b>").replace("</strong>", "</b>")
    clean = clean.replace("<em>", "<i>").replace("</em>", "</i>")
    return clean.strip()


def plain_text(rich_html: str) -> str:
    """The words of some HTML, without its markup."""
    spaced = re.sub(r"<(?:/?(?:p|h\d|li|blockquote|br|div|ul|ol)\b)[^>]*>", " ", rich_html or "")
    return html.unescape(nh3.clean(spaced, tags=set()))


def word_count(text: str) -> int:
    """Words in plain text: markup must be removed first (see ``plain_text``). Linear time."""
    text = text or ""
    count, in_word = 0, False
    for position, char in enumerate(text):
        if _is_cjk(char):
            count, in_word = count + 1, False
        elif _is_word_char(char):
            if not in_word:
                count, in_word = count + 1, True
        elif in_word and char in JOINERS:
            following = text[position + 1 : position + 2]
            in_word = bool(following) and _is_word_char(following) and not _is_cjk(following)
        else:
            in_word = False
    return count


def link_count(rich_html: str) -> int:
    return len(re.findall(r"<a\s", rich_html or ""))
