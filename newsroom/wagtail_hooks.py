"""What the newsroom adds to the building blocks below it (read in sitesearch.types) and to
its own pages (read in newsroom.multimedia)."""

from wagtail import hooks


@hooks.register("herald_search_types")
def articles_searched():
    return [("articles", "Articles", "newsroom.ArticlePage")]


@hooks.register("herald_multimedia_kinds")
def galleries_in_multimedia():
    from .multimedia import galleries_kind, videos_kind

    return [videos_kind(), galleries_kind()]
