"""The header's network bar and section navigation, kept rendered per site between pages
(``delivery.fragments``) and named on every page that shows them by their keys."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Site

from delivery.cache import surrogate_keys_add
from delivery.fragments import Part, part_cached

from ..keys import site_keys, sites_keys
from ..navigation import network_sites, site_sections

register = template.Library()


def _shown(request, name: str, render) -> str:
    if request is None:  # rendered outside a request: nothing to name, nothing to keep
        return mark_safe(render(None).html)  # noqa: S308
    site = Site.find_for_request(request)
    part = part_cached(f"{name}:{site.pk if site else 0}", lambda: render(site))
    surrogate_keys_add(request, part.keys)
    return mark_safe(part.html)  # noqa: S308 (rendered from Herald's own template)


@register.simple_tag(takes_context=True)
def network_bar(context):
    request = context.get("request")

    def render(site):
        html = render_to_string(
            "newsroom/includes/network_bar.html",
            {"network_sites": network_sites(), "current_site": site},
        )
        return Part(html, [*sites_keys(), *site_keys(site)])

    return _shown(request, "network-bar", render)


@register.simple_tag(takes_context=True)
def section_nav(context):
    """A section added, renamed or hidden from menus is a site-wide change (newsroom.purging)."""
    request = context.get("request")

    def render(site):
        html = render_to_string(
            "newsroom/includes/section_nav.html",
            {"nav_sections": site_sections(site)},
            request=request,
        )
        return Part(html, site_keys(site))

    return _shown(request, "section-nav", render)
