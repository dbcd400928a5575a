import re
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Site

from delivery.cache import cache_publicly
from places.keys import place_keys, places_keys
from places.models import Place
from places.services import reader_choices, site_default_place

from . import services
from .forms import ListingFilterForm, ListingProposalForm
from .fragments import COMPONENTS, fragment_render
from .keys import components_keys, listings_keys, traffic_keys
from .models import Listing, ListingCategory

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,139}")


@require_safe
def component_fragment(request, name):
    """One component for the place in ?location= (never a cookie): public and cacheable."""
    slug = request.GET.get("location", "")
    if name not in COMPONENTS or not SLUG.fullmatch(slug):
        raise Http404("No such component or location")
    place = Place.objects.filter(slug=slug).first()
    if place is None:
        raise Http404("No such location")
    html, fragment = fragment_render(request, name, place)
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"
    return cache_publicly(
        response, keys=[*fragment.keys, *components_keys()], max_age=fragment.max_age
    )


@require_safe
def traffic_page(request):
    """Current traffic alerts, grouped by place (largest places first)."""
    now = timezone.now()
    by_place = {}
    for alert in services.alerts_current(now=now).order_by(
        "-place__population", "place__name", "-severity", "expires_at"
    ):
        by_place.setdefault(alert.place, []).append(alert)
    card = {
        "title": "Traffic alerts",
        "description": "Accidents, roadworks and closures on the roads now, town by town.",
    }
    response = render(
        request, "components/traffic_page.html", {"by_place": by_place.items(), "card": card}
    )
    change = services.alerts_next_change(now=now)
    keys = [*traffic_keys(), *place_keys(*(place for place, _alerts in by_place.items()))]
    return cache_publicly(response, keys=keys, max_age=services.seconds_until(change, now=now))


@require_safe
def listings_page(request):
    """What's on: upcoming listings with place, category and day filters."""
    form = ListingFilterForm(request.GET or None)
    listings = services.listings_upcoming()
    status = 200
    if form.is_bound and not form.is_valid():
        listings, status = listings.none(), 400
    elif form.is_bound:
        data = form.cleaned_data
        if data["place"]:
            listings = listings.filter(place=data["place"])
        if data["category"]:
            listings = listings.filter(category=data["category"])
        if data["date"]:
            tz = data["place"].tzinfo if data["place"] else zoneinfo.ZoneInfo(settings.TIME_ZONE)
            listings = services.listings_on_day(listings, data["date"], tz)
    # ``?page=`` that is not a number is the first page; one past the last, the last.
    shown = Paginator(listings, settings.HERALD_LISTINGS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The page reads differently once any listing up to its last one has finished (they move
    # up), so it lives until the first of them finishes.
    first_end = services.listings_first_end(listings[: shown.end_index()])
    response = render(
        request,
        "components/listings_page.html",
        {
            "form": form,
            "listings": shown,
            "card": {
                "title": "What's on",
                "description": "Events, shows, films and markets coming up near you.",
            },
            "categories": ListingCategory.objects.all(),
            "places": Place.objects.filter(listings__status=Listing.Status.PUBLISHED)
            .distinct()
            .order_by("name"),
        },
        status=status,
    )
    # The filter offers every place with listings, by name.
    keys = [*listings_keys(), *places_keys(), *place_keys(*{item.place_id for item in shown})]
    return cache_publicly(response, keys=keys, max_age=services.seconds_until(first_end))


@never_cache
@login_required
def listing_propose(request):
    """Members propose a listing; editors publish or refuse it in the admin."""
    if not request.user.has_profile:
        return redirect(f"/accounts/profile/create/?next={request.path}")
    form = ListingProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_propose(member=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Thank you! Editors will look at your listing before it appears."
            )
            return redirect("components:listing_propose")
    status = 400 if form.is_bound else 200
    return render(request, "components/listing_propose.html", {"form": form}, status=status)


@never_cache
@require_safe
def local_page(request):
    """/local/: the reader's own local news, weather, traffic alerts and listings, rendered here
    for the places they chose (cookie or profile), so the choice shows without JavaScript.
    Private and never stored: the shared pages stay the same for everyone."""
    default = site_default_place(Site.find_for_request(request))
    chosen = reader_choices(request)
    boxes = []
    for name in COMPONENTS:
        place = chosen.get(name) or default
        if place is not None:
            html, _fragment = fragment_render(request, name, place)
            boxes.append({"name": name, "html": html, "chosen": name in chosen})
    return render(
        request,
        "components/local_page.html",
        {"boxes": boxes, "default_place": default, "chose_any": bool(chosen)},
    )
