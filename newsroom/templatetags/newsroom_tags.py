from django import template

from newsroom import extensions

register = template.Library()


@register.simple_tag
def multimedia_links():
    return extensions.multimedia_links()


@register.simple_tag
def page_includes():
    return extensions.page_includes()


@register.simple_tag
def head_includes():
    return extensions.head_includes()


@register.simple_tag
def sidebar_includes():
    return extensions.sidebar_includes()


@register.simple_tag
def article_includes(page):
    return extensions.article_includes(page)


@register.simple_tag
def home_includes():
    return extensions.home_includes()


@register.simple_tag
def highlighted(text, terms):
    from newsroom.search import highlight

    return highlight(text, terms)
