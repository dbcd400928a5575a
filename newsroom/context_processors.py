from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from delivery.cache import surrogate_keys_add

from .keys import site_keys


def network(request):
    """The current site, computed only if a template uses it; a page that shows it is named
    by its key, so renaming the site purges every page that shows its name. (The header's
    network bar and sections are ``navigation_tags``.)"""

    def current_site():
        site = Site.find_for_request(request)
        surrogate_keys_add(request, site_keys(site))
        return site

    return {"current_site": SimpleLazyObject(current_site)}
