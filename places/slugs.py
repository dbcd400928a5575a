"""A place's slug: the plain name's if free, else the name with its region (then country).

Below both the model, whose ``save`` gives a new place its slug, and the gazetteer loader in
``services``, so neither has to import the other for it.
"""

from django.utils.text import slugify


def place_slug_free(place) -> str:
    """The plain name's slug if free, else the name with the region (then the country)."""
    base = slugify(place.name)[:100]
    taken = set(
        type(place)
        ._default_manager.exclude(pk=place.pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    return slug_for(place.name, place.region, place.country, taken)


def slug_for(name, region, country, taken) -> str:
    """The first of name, name-region, name-region-country not in ``taken``, else numbered."""
    for parts in ([name], [name, region], [name, region, country]):
        candidate = slugify("-".join(p for p in parts if p))[:140]
        if candidate and candidate not in taken:
            return candidate
    base, n = slugify(f"{name}-{region}-{country}")[:120] or "place", 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
