"""Public responses tell CDNs and browsers to serve stale through refreshes and outages
(RFC 5861), as Herald's own page cache does; private ones never say so."""

import pytest

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _directives(response):
    return {
        name.strip(): value
        for name, _, value in (part.partition("=") for part in response["Cache-Control"].split(","))
    }


@pytest.mark.parametrize(
    "path", ["/news/", "/api/v1/articles", "/components/weather/?location=durban", "/feeds/rss/"]
)
def test_public_responses_may_be_served_stale_while_refreshing_and_on_error(client, path):
    directives = _directives(client.get(path, **NEWS))
    assert "public" in directives
    assert directives["stale-while-revalidate"] == "30"
    assert directives["stale-if-error"] == "86400"


def test_the_directives_follow_their_settings_and_zero_leaves_one_out(client, settings):
    settings.HERALD_STALE_WHILE_REVALIDATE = 0
    settings.HERALD_STALE_IF_ERROR = 600
    directives = _directives(client.get("/news/", **NEWS))
    assert "stale-while-revalidate" not in directives and directives["stale-if-error"] == "600"


def test_private_pages_never_offer_a_stale_copy(client):
    cache_control = client.get("/settings/locations/", **NEWS)["Cache-Control"]
    assert "private" in cache_control and "stale" not in cache_control
