from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .navigation import network_sites, site_sections


def network(request):
    """The header's network bar and section navigation, computed only if a template uses them."""
    site = SimpleLazyObject(lambda: Site.find_for_request(request))
    return {
        "current_site": site,
        "network_sites": SimpleLazyObject(lambda: network_sites()),
        "nav_sections": SimpleLazyObject(lambda: site_sections(site)),
    }
