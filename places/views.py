from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Site

from delivery.cache import cache_publicly

from . import services
from .forms import LocationSettingsForm
from .keys import places_keys
from .models import COMPONENTS


@never_cache
def location_settings(request):
    """Location Settings: a place for each component; Submit saves, Reset forgets them."""
    site = Site.find_for_request(request)
    default = services.site_default_place(site)
    chosen = services.reader_choices(request)
    member = request.user if request.user.is_authenticated else None
    if request.method == "POST" and "reset" in request.POST:
        response = redirect("places:location_settings")
        if member:
            services.member_choices_save(member, dict.fromkeys(COMPONENTS))
        services.cookie_store(response, {})
        messages.success(request, "Your location settings are reset to the site's defaults.")
        return response
    form = LocationSettingsForm(request.POST or None, initial_places=chosen)
    if request.method == "POST" and form.is_valid():
        response = redirect(_after_saving())
        _choices_save(request, response, chosen, form.places)
        messages.success(request, "Your location settings are saved.")
        return response
    saved = []
    if form.is_bound and form.places:
        # Keep what could be saved; the fields in error say what could not.
        saved = [COMPONENTS[c] for c, place in form.places.items() if chosen.get(c) != place]
        chosen = {**chosen, **form.places}
    rows = [(form[component], chosen.get(component)) for component in COMPONENTS]
    response = render(
        request,
        "places/location_settings.html",
        {
            "form": form,
            "rows": rows,
            "default_place": default,
            "member": member,
            "saved": saved,
            "local_page": _after_saving(),
        },
        status=400 if form.is_bound else 200,
    )
    if form.is_bound and form.places:
        _choices_save(request, response, chosen, form.places)
    return response


def _choices_save(request, response, chosen, places):
    """Members' choices go on their profile; other readers' into the signed cookie."""
    if request.user.is_authenticated:
        services.member_choices_save(request.user, places)
        return
    merged = {**chosen, **places}
    services.cookie_store(response, {c: p.slug for c, p in merged.items() if p})


def _after_saving() -> str:
    """Where the reader sees their choices: the page an app registers under
    ``herald_locations_page`` (components' own local page), else this form."""
    for fn in hooks.get_hooks("herald_locations_page"):
        return fn()
    return reverse("places:location_settings")


@never_cache
@require_safe
def reader_choices(request):
    """The reader's place slug for each component (the page script asks for signed-in members)."""
    site = Site.find_for_request(request)
    default = services.site_default_place(site)
    chosen = services.reader_choices(request)
    slugs = {
        c: (chosen.get(c) or default).slug if (chosen.get(c) or default) else None
        for c in COMPONENTS
    }
    return JsonResponse({"locations": slugs})


@require_safe
def place_suggestions(request):
    """Places matching ?q= for the settings form's suggestions (public, cacheable)."""
    query = request.GET.get("q", "")
    places = services.places_search(query, limit=settings.HERALD_PLACES_SUGGESTIONS)
    response = JsonResponse(
        {"places": [{"slug": p.slug, "label": p.label, "name": p.name} for p in places]}
    )
    return cache_publicly(response, keys=places_keys())
