import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

URL = re.compile(r"\b((?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.IGNORECASE)


def _link(match):
    shown = match.group(1)
    href = shown if shown.lower().startswith("http") else f"https://{shown}"
    return f'<a href="{href}" rel="nofollow ugc noopener">{shown}</a>'


@register.filter
def comment_html(text):
    """A comment's plain text as HTML: escaped first, then links and paragraphs added."""
    escaped = escape(text)
    linked = URL.sub(_link, escaped)
    paragraphs = [p.replace("\n", "<br>") for p in re.split(r"\n\s*\n", linked.strip()) if p]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 (escaped above)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
