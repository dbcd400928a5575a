"""The surrogate keys of the location-aware components: the only place they are spelled.

A fragment for one place carries its place's key (``traffic-<place id>``); the lists of every
place (``/traffic/``, ``/listings/``, the API) carry the kind's own key (``traffic``). A change
purges both, for each place it concerns.
"""


def _place_keys(kind, places):
    ids = [place if isinstance(place, int) else place.pk for place in places]
    return [f"{kind}-{pk}" for pk in ids] if ids else [kind]


def weather_keys(place) -> list[str]:
    return _place_keys("weather", [place])


def traffic_keys(*places) -> list[str]:
    """One place's alerts; with no place, the lists of every place's."""
    return _place_keys("traffic", places)


def listings_keys(*places) -> list[str]:
    """One place's listings; with no place, the lists of every place's."""
    return _place_keys("listings", places)


def components_keys() -> list[str]:
    """Every component fragment, for changes to all of them at once (the demo's rebuild)."""
    return ["components"]
