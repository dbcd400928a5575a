from django import template
from wagtail.models import Site

from delivery.cache import surrogate_keys_add
from delivery.fragments import Part, part_cached
from places.models import COMPONENTS as LABELS
from places.services import site_default_place

from ..fragments import COMPONENTS, fragment_render

register = template.Library()


@register.inclusion_tag("components/includes/slot.html", takes_context=True)
def components_slot(context, inline=False):
    """The reader's components: the page script loads each for the reader's chosen place.

    With ``inline``, the site's default place is rendered into the page so that it reads
    without JavaScript; the page then carries the keys of what those components show.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    default = site_default_place(site)
    boxes = []
    for name in COMPONENTS:
        html = ""
        if inline and default is not None:
            part = part_cached(
                f"component:{site.pk}:{name}:{default.pk}",
                lambda name=name: _part(request, name, default),
            )
            html = part.html
            surrogate_keys_add(request, part.keys, max_age=part.max_age)
        boxes.append({"name": name, "label": LABELS[name], "html": html})
    return {"boxes": boxes, "default_place": default}


def _part(request, name, place) -> Part:
    html, fragment = fragment_render(request, name, place)
    return Part(html, fragment.keys, fragment.max_age)
