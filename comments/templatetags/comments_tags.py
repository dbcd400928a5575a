import re

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .. import pipeline

register = template.Library()

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

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
def check_said(check):
    """A pipeline check as the desk says it: "Suspect words: held for review (…)"."""
    name = pipeline.CHECK_LABELS.get(check.get("check"), check.get("check", "Check"))
    outcome = pipeline.OUTCOME_LABELS.get(check.get("outcome"), check.get("outcome", ""))
    reason = check.get("reason") or ""
    return f"{name}: {outcome}" + (f" ({reason})" if reason else "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def thread_comment(comment, reply=False):
    """One comment (and its first replies) as HTML.

    Written in Python rather than as an included template: a thread page shows up to a hundred
    comments, and an include costs several times more than this.
    """
    return mark_safe(_comment(comment, reply=reply))  # noqa: S308 (every value is escaped)


def _comment(comment, *, reply):
    classes = "comment"
    if comment.featured:
        classes += " comment--featured"
    if reply:
        classes += " comment--reply"
    parts = [format_html('<article class="{}" id="comment-{}">', classes, comment.pk)]
    if comment.status == "deleted" or comment.withdrawn:
        parts.append('<p class="comment__deleted">This comment was deleted by its author.</p>')
    else:
        parts.append(_header(comment))
        parts.append(format_html('<div class="comment__body">{}</div>', comment_html(comment.body)))
        parts.append(_actions(comment, reply=reply))
    replies = getattr(comment, "reply_list", None)
    if replies:
        parts.append('<div class="comment__replies">')
        parts.extend(_comment(child, reply=True) for child in replies)
        total = getattr(comment, "reply_total", len(replies))
        if total > len(replies):
            parts.append(
                format_html(
                    '<p class="comment__more"><a href="/comments/replies/{}/">Show all {} '
                    "replies</a></p>",
                    comment.pk,
                    total,
                )
            )
        parts.append("</div>")
    parts.append("</article>")
    return "".join(parts)


def _author_name(comment):
    author = comment.author
    return author.public_name if author else "a former member"


def _header(comment):
    author = comment.author
    if author is not None and author.username:
        who = format_html(
            '<a class="comment__author" href="/profile/{}/">{}</a>',
            author.username,
            author.public_name,
        )
    else:
        who = mark_safe('<span class="comment__author">Former member</span>')
    when = timezone.localtime(comment.created_at)
    extra = ""
    if comment.edited_at:
        extra += '<span class="comment__edited">edited</span>'
    if comment.featured:
        extra += '<strong class="comment__badge">Featured</strong>'
    return format_html(
        '<header class="comment__header">{} <time datetime="{}">{}</time>{}</header>',
        who,
        when.isoformat(),
        f"{when.day} {MONTHS[when.month - 1]} {when.year}, {when:%H:%M}",
        mark_safe(extra),  # noqa: S308 (fixed markup)
    )


def _actions(comment, *, reply):
    reply_link = ""
    if not reply:
        reply_link = format_html(
            '<a href="/comments/{}/?reply={}#comment-form" data-reply="{}" '
            'data-reply-name="{}">Reply</a>',
            comment.page_id,
            comment.pk,
            comment.pk,
            _author_name(comment),
        )
    return format_html(
        '<footer class="comment__actions"><a href="/comments/respect/{}/" data-respect="{}">'
        'Respect <span class="comment__respect-count">{}</span></a>{}'
        '<a href="/comments/report/{}/" rel="nofollow">Report</a></footer>',
        comment.pk,
        comment.pk,
        comment.respect_count,
        reply_link,
        comment.pk,
    )
