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
def story_excerpt(story, words=30):
    from django.utils.text import Truncator

    from community.text import plain_text

    return Truncator(" ".join(plain_text(story.body).split())).words(words)


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
