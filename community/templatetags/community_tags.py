from django import template
from wagtail.models import Site

from community import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def mynews_latest(context, limit=4):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return selectors.stories_latest(site=site, limit=limit)


@register.simple_tag
def story_responses(article):
    return selectors.responses_to(article)


@register.filter
def contribution_richtext(value):
    """Wagtail's ``richtext`` for a reader story's body, with member links marked."""
    from django.utils.safestring import mark_safe
    from wagtail.rich_text import expand_db_html

    from community.text import contribution_links_marked

    return mark_safe(contribution_links_marked(expand_db_html(value or "")))  # noqa: S308 (nh3)


@register.filter
def story_excerpt(story, words=30):
    return story.excerpt(words)


@register.simple_tag
def mynews_min_words():
    from django.conf import settings

    return settings.HERALD_MYNEWS_MIN_WORDS


@register.simple_tag
def contributor_record(member):
    """Published and refused counts for the editors' panel."""
    if member is None:
        return None
    return selectors.contributor_history([member.pk]).get(member.pk)
