"""What syndication adds to the newsroom's pages (read in newsroom.extensions)."""

from wagtail import hooks


@hooks.register("herald_head_includes")
def feeds_and_cards_head():
    """Feed links, structured data and sharing tags in every page's <head>."""
    return "syndication/head.html"
