"""Which page a path is, remembered between requests: one query for the page instead of one per
level of the tree and one more per ``.specific``.

Wagtail routes a request by walking the tree from the site's root, a query for each path
component and for each page's specific type (an article three levels down costs six). The
result is the same until an editor moves, renames, unpublishes or deletes a page, so it is kept
in the page cache's store under the site and the path, as the page's type and id and the URL path
it had. A kept route is trusted only after checking it against the page as it is now, fetched by
id with its own type (and what the type names in ``route_select_related``, which every render of
it reads): it must still be live and still have that URL path under the site's current root
(Wagtail's cached site root paths, cleared when a site or its root changes). A route that fails
the check is routed again and kept anew, so a moved or renamed page, a page unpublished or
deleted, or a new page at an old path is never served from a stale route, and no purge has to
find these entries.

The page kept is the one Wagtail's routing ended at: the page at the path, or a routable page
above it that serves the rest of the path itself (the home page's ``tags/<tag>/``, a gallery's
``<n>/``); on a hit that page routes the rest again, which for a routable page costs no query, so
it still finds its own view. Paths that end in a 404 are not kept.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .fragments import read_ahead
from .pagecache import page_cache
from .sites import DisallowedHost, site_id_for_host, site_remembered


@dataclass(frozen=True)
class KeptRoute:
    content_type_id: int
    page_id: int
    url_path: str


def _cache_key(site_id: int, path: str) -> str:
    return f"route:{site_id}:{path}"


def _root_path(site_id: int, request) -> str | None:
    # Kept where Wagtail's own URL methods look for them on the request (Page.get_url and the
    # like), so the page's links do not read them from the cache again.
    paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if paths is None:
        paths = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    for root in paths:
        if root.site_id == site_id:
            return root.root_path
    return None


def _page_checked(kept: KeptRoute, root_path: str | None):
    """The kept route's page as it is now, or None when the route no longer holds."""
    if root_path is None or not kept.url_path.startswith(root_path):
        return None
    model = ContentType.objects.get_for_id(kept.content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    # No ORDER BY for one row by its key: Wagtail's manager orders by path, and compiling that
    # was a fifth of the lookup's cost.
    pages = model._default_manager.filter(pk=kept.page_id).order_by()
    related = getattr(model, "route_select_related", ())  # what every render of it reads
    page = next(iter((pages.select_related(*related) if related else pages)[:1]), None)
    if page is None or not page.live or page.url_path != kept.url_path:
        return None
    return page


def _keepable(route: RouteResult | None, root_path: str | None, path: str) -> bool:
    """Whether the page routed to is at ``path`` or above it, serving the rest itself."""
    if route is None or root_path is None:
        return False
    return (root_path + path).startswith(route[0].url_path)


def _components(path: str) -> list[str]:
    return [component for component in path.split("/") if component]


def _normalised(path: str) -> str:
    return "".join(f"{component}/" for component in _components(path))


class RouteCacheMiddleware:
    """Gives the request its site from the process's memo of hosts when the host is known
    there (Wagtail looks it up anew for every request), hands Wagtail's page view the page a kept
    route names (``request._wagtail_route_for_request``, where Wagtail itself keeps the route of
    a request), and keeps the routes it finds for the next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            try:
                site = site_remembered(request.get_host())
            except DisallowedHost:
                site = None  # Django answers it with a 400
            if site is not None:
                request._wagtail_site = site  # where Site.find_for_request keeps it
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not settings.HERALD_ROUTE_CACHE_TTL:
            return None
        try:
            site_id = site_id_for_host(request.get_host())
        except DisallowedHost:
            return None
        if site_id is None:
            return None
        path = _normalised(view_args[0] if view_args else view_kwargs.get("path", ""))
        cache = page_cache()
        cache_key = _cache_key(site_id, path)
        root_path = _root_path(site_id, request)
        kept = read_ahead(cache_key)  # with the page's kept parts, in one round trip
        if isinstance(kept, KeptRoute):
            page = _page_checked(kept, root_path)
            if page is not None:
                site = getattr(request, "_wagtail_site", None)
                if site is not None and site.root_page_id == page.pk:
                    site.root_page = page  # the home page, read again by what it shows
                rest = (root_path + path)[len(kept.url_path) :]
                try:
                    # The page routes what is left of the path as it did: a routable page (the
                    # home page, a gallery) finds its own view for it.
                    request._wagtail_route_for_request = page.route(request, _components(rest))
                    return None
                except Http404:
                    pass
        route = Page.route_for_request(request, path)
        if _keepable(route, root_path, path):
            page = route[0]
            cache.set(
                cache_key,
                KeptRoute(page.content_type_id, page.pk, page.url_path),
                timeout=settings.HERALD_ROUTE_CACHE_TTL,
            )
        return None
