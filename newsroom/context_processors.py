from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from delivery.cache import surrogate_keys_add

from .keys import site_keys, sites_keys
from .navigation import network_sites, site_sections


def network(request):
    """The header's network bar and section navigation, computed only if a template uses them.

    A page that shows them is named by their keys, so renaming a site or a section purges every
    page whose header shows it, whichever app rendered the page.
    """

    def current_site():
        site = Site.find_for_request(request)
        surrogate_keys_add(request, site_keys(site))
        return site

    def sites():
        surrogate_keys_add(request, sites_keys())
        return network_sites()

    site = SimpleLazyObject(current_site)
    return {
        "current_site": site,
        "network_sites": SimpleLazyObject(sites),
        "nav_sections": SimpleLazyObject(lambda: site_sections(site)),
    }
