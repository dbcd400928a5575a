"""What the newsroom adds to the building blocks below it (read in sitesearch.types)."""

from wagtail import hooks


@hooks.register("herald_search_types")
def articles_searched():
    return [("articles", "Articles", "newsroom.ArticlePage")]
