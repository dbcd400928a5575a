"""Sign-in links that bring the reader back to the page they were reading.

Pages are cached and shared, so the link can only name what the cache key names: the path and
the query the page reads (the page cache hands views only those parameters), never the address
a reader happened to arrive with (``?utm_source=…``, a token). On the sign-in pages themselves
the ``next`` they were given is passed on, so "Join" from the sign-in page keeps it. allauth
checks every ``next`` against open redirects before following it.
"""

from urllib.parse import urlencode

from django import template
from django.utils.http import url_has_allowed_host_and_scheme

from delivery.pagecache import query_normalised

register = template.Library()

ACCOUNT_PATHS = "/accounts/"


def _is_local_path(target: str) -> bool:
    return (
        target.startswith("/")
        and not target.startswith(ACCOUNT_PATHS)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    )


@register.simple_tag(takes_context=True)
def next_query(context, target=""):
    """``?next=<path>`` back to ``target`` (the page being read when empty), or nothing."""
    request = context.get("request")
    if not target and request is not None:
        if request.path.startswith(ACCOUNT_PATHS):
            target = request.GET.get("next", "")
        else:
            # The cache key's query, also on a page rendered for one browser (``?flash``).
            query = query_normalised(request.META.get("QUERY_STRING", ""))
            target = request.path + (f"?{query}" if query else "")
    if not target or not _is_local_path(target):
        return ""
    return "?" + urlencode({"next": target})
