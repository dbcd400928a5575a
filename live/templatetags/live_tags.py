from django import template
from wagtail.models import Site

from live.selectors import latest_event_id

register = template.Library()


@register.inclusion_tag("live/includes/notice_markup.html", takes_context=True)
def live_notice(context):
    """The new-stories notice for home and section pages, resuming after the page's last event."""
    request, page = context["request"], context.get("page")
    site = Site.find_for_request(request)
    section = page.pk if page is not None and getattr(page, "is_section", False) else ""
    return {
        "since": latest_event_id(site_id=site.pk) if site else 0,
        "section": section,
        "scope": "section" if section else "homepage",
    }
