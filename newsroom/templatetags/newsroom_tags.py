from django import template

from newsroom.navigation import multimedia_links as registered_links

register = template.Library()


@register.simple_tag
def multimedia_links():
    return list(registered_links)


@register.simple_tag
def page_includes():
    from newsroom.navigation import page_includes as registered

    return list(registered)


@register.simple_tag
def head_includes():
    from newsroom.navigation import head_includes as registered

    return list(registered)


@register.simple_tag
def sidebar_includes():
    from newsroom.navigation import sidebar_includes as registered

    return list(registered)


@register.simple_tag
def article_includes():
    from newsroom.navigation import article_includes as registered

    return list(registered)


@register.simple_tag
def home_includes():
    from newsroom.navigation import home_includes as registered

    return list(registered)


@register.simple_tag
def highlighted(text, terms):
    from newsroom.search import highlight

    return highlight(text, terms)
