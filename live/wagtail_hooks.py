"""What live adds to the newsroom's pages (read in newsroom.extensions)."""

from wagtail import hooks


@hooks.register("herald_page_includes")
def new_stories_notice():
    """Home and section pages tell readers of new stories without a reload."""
    return "live/includes/notice.html"
