"""Routes that declare their own query parameters: keyed on those only, one value each."""

import contextlib

from wagtail import hooks

from delivery import routes
from delivery.pagecache import query_normalised


@contextlib.contextmanager
def _declared(*pairs):
    """These routes declared, only while the block runs."""
    routes.routes_forget()
    try:
        with hooks.register_temporarily(routes.HOOK, lambda: list(pairs)):
            yield
    finally:
        routes.routes_forget()


def test_a_declared_route_is_keyed_on_its_own_parameters_only(settings):
    settings.HERALD_PAGE_CACHE_QUERY_PARAMS = frozenset({"page", "q"})
    with _declared(("/feed/items", ("limit", "offset"))):
        query = "q=x&offset=5&limit=2&page=3"
        assert query_normalised(query, "/feed/items") == "limit=2&offset=5"
        assert query_normalised(query, "/somewhere/") == "page=3&q=x"  # the pages' list


def test_repeats_keep_the_last_value_and_blank_values_are_kept_for_the_view_to_refuse():
    with _declared(("/feed/items", ("limit", "offset"))):
        assert query_normalised("limit=9&limit=2", "/feed/items") == "limit=2"
        assert query_normalised("limit=&junk=1", "/feed/items") == "limit="


def test_templated_paths_match_one_segment_per_parameter():
    with _declared(("/feed/items/{item_id}", ("fields",)), ("/feed/items", ("limit",))):
        assert routes.route_query_params("/feed/items/42") == {"fields"}
        assert routes.route_query_params("/feed/items") == {"limit"}
        assert routes.route_query_params("/feed/items/42/more") is None
        assert routes.route_query_params("/feed/other") is None


def test_the_api_declares_each_operations_parameters(db):
    """What the API's own operations read, as delivery sees them through the hook."""
    routes.routes_forget()
    assert routes.route_query_params("/api/v1/articles") == {
        "site", "section", "tag", "place", "since", "until", "page", "page_size",
    }  # fmt: skip
    assert routes.route_query_params("/api/v1/articles/12") == frozenset()
    assert routes.route_query_params("/api/v1/reader-stories") == {"site", "page", "page_size"}
    assert routes.route_query_params("/api/v1/docs/") == frozenset()
