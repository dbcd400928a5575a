"""The query parameters each cached route reads, as the apps that own the routes declare them.

Pages share one allow-list (``HERALD_PAGE_CACHE_QUERY_PARAMS``). A route that reads parameters
of its own (the API's ``page_size``, ``site``, ``since``…) declares them through the
``herald_page_cache_routes`` hook: each function returns ``(path template, parameter names)``
pairs, a template naming its path parameters as ``{name}`` (``/api/v1/articles/{article_id}``).
The page cache then keys such a route on exactly those parameters, one value each, and its view
sees only them; the page list does not apply there. Delivery sits below the apps that own the
routes, so it asks them rather than importing them.
"""

import re
from dataclasses import dataclass

from wagtail import hooks

HOOK = "herald_page_cache_routes"
PATH_PARAMETER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Routes:
    exact: dict[str, frozenset[str]]
    templated: tuple[tuple[re.Pattern, frozenset[str]], ...]
    prefixes: tuple[str, ...]  # the templated routes' fixed starts, tested before any pattern

    def params_for(self, path: str) -> frozenset[str] | None:
        params = self.exact.get(path)
        if params is not None or not path.startswith(self.prefixes):
            return params
        for pattern, params in self.templated:
            if pattern.fullmatch(path):
                return params
        return None


_routes: Routes | None = None


def routes_registered() -> Routes:
    """Every route the apps declare, read once per process (the first declaration wins)."""
    global _routes
    if _routes is None:
        exact, templated = {}, {}
        for fn in hooks.get_hooks(HOOK):
            for template, params in fn():
                into = templated if PATH_PARAMETER.search(template) else exact
                into.setdefault(template, frozenset(params))
        _routes = Routes(
            exact=exact,
            templated=tuple((re.compile(_pattern_of(t)), p) for t, p in templated.items()),
            prefixes=tuple({PATH_PARAMETER.split(template)[0] for template in templated}),
        )
    return _routes


def _pattern_of(template: str) -> str:
    fixed = PATH_PARAMETER.split(template)
    return "[^/]+".join(re.escape(part) for part in fixed)


def route_query_params(path: str) -> frozenset[str] | None:
    """The parameters the route at ``path`` declares; None when no route declares any."""
    return routes_registered().params_for(path)


def routes_forget() -> None:
    """Read the declarations again on next use (tests that register routes of their own)."""
    global _routes
    _routes = None
