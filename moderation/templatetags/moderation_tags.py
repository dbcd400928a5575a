"""The decision history for admin panels that render one item or one member (Wagtail's
``HelpPanel`` templates receive the instance, not a view's context)."""

from django import template

from moderation.selectors import decisions_for_item, decisions_for_member

register = template.Library()


@register.simple_tag
def item_decisions(item):
    return decisions_for_item(item) if getattr(item, "pk", None) else []


@register.simple_tag
def member_decisions(member):
    return decisions_for_member(member) if getattr(member, "pk", None) else []
