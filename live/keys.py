"""The surrogate keys of the live "new stories" poll: the only place they are spelled."""


def live_keys(site_id) -> list[str]:
    return [f"live-{site_id}"]
