from wagtail import hooks

from .routes import cached_routes


@hooks.register("herald_page_cache_routes")
def page_cache_routes():
    return cached_routes()
