"""What site search looks through: the page types apps register with ``herald_search_types``.

Each function of the hook returns ``(key, label, model label)`` tuples (the newsroom's articles,
community's reader stories); readers narrow a search by key with ``?type=``. Site search sits
below the apps whose pages it indexes, so it asks them rather than importing them.
"""

from wagtail import hooks


def search_types() -> list[tuple[str, str, str]]:
    """Every registered search type, the first registration of a key winning."""
    found = {}
    for fn in hooks.get_hooks("herald_search_types"):
        for key, label, model_label in fn():
            found.setdefault(key, (key, label, model_label))
    return list(found.values())


def searchable_models() -> tuple:
    """The page models of every search type."""
    from django.apps import apps

    return tuple(apps.get_model(model_label) for _key, _label, model_label in search_types())
