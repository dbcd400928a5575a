"""The query parameters each API route reads, for the page cache's key (``delivery.routes``).

Read from the operations' own signatures, through the OpenAPI document django-ninja makes of
them, so the cache's key and what the view reads cannot drift apart: a parameter added to an
operation is in its key the day it is added, and any other parameter is dropped before the
view runs (it never sees one, so it can never answer differently for one).
"""

from .api import api

PREFIX = "/api/v1"
DOCS_PATH = f"{PREFIX}/docs/"


def cached_routes() -> list[tuple[str, tuple[str, ...]]]:
    """``(path template, query parameters)`` of every GET operation, and the docs page."""
    paths = api.get_openapi_schema(path_prefix=PREFIX)["paths"]
    routes = [
        (path, tuple(p["name"] for p in op["get"].get("parameters", []) if p["in"] == "query"))
        for path, op in paths.items()
        if "get" in op
    ]
    return [*routes, (DOCS_PATH, ())]
