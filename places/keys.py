"""The surrogate keys of the gazetteer: the only place they are spelled."""


def places_keys() -> list[str]:
    """Whatever lists or searches places (the suggestions the location settings offer)."""
    return ["places"]


def place_keys(*places) -> list[str]:
    """Whatever shows a place's name or details (its components, the API's items)."""
    return [f"place-{p if isinstance(p, int) else p.pk}" for p in places if p is not None]
