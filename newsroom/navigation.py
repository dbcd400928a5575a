"""The header's navigation: the sites of the network and the current site's sections."""

from wagtail.models import Site


def network_sites():
    return list(Site.objects.order_by("-is_default_site", "site_name", "hostname"))


def site_sections(site):
    from .models import SectionPage

    if not site:
        return []
    return list(SectionPage.objects.child_of(site.root_page).live().in_menu().order_by("path"))
