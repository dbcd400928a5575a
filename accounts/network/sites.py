"""Which site is the account home, and which sites need a ticket to share its sign-in."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from delivery.sites import absolute_url


def network_sites() -> list:
    return list(Site.objects.order_by("-is_default_site", "pk"))


def account_home(sites=None):
    """``HERALD_ACCOUNT_HOME`` (a site's hostname), else the default site, else the first."""
    sites = network_sites() if sites is None else sites
    wanted = (settings.HERALD_ACCOUNT_HOME or "").lower()
    for site in sites:
        if wanted and site.hostname.lower() == wanted:
            return site
    return sites[0] if sites else None


def _cookie_covers(hostname: str) -> bool:
    domain = (settings.SESSION_COOKIE_DOMAIN or "").lower().lstrip(".")
    hostname = hostname.lower()
    return bool(domain) and (hostname == domain or hostname.endswith("." + domain))


def shares_home_session(site, home) -> bool:
    """Whether ``site`` sees the home's session cookie itself (the same host, or both under
    ``HERALD_COOKIE_DOMAIN``), so it needs no ticket."""
    if site.hostname.lower() == home.hostname.lower():
        return True
    return _cookie_covers(site.hostname) and _cookie_covers(home.hostname)


def ticket_sites(home=None) -> list:
    """The sites that sign in by ticket from the home: none when the network sign-in is off."""
    if not settings.HERALD_NETWORK_SIGNIN:
        return []
    sites = network_sites()
    home = home or account_home(sites)
    if home is None:
        return []
    return [site for site in sites if not shares_home_session(site, home)]


def needs_ticket(site) -> bool:
    return site is not None and any(s.pk == site.pk for s in ticket_sites())


def network_hosts() -> set[str]:
    """Every site's canonical ``host[:port]``: where a network redirect may go."""
    return {urlsplit(site.root_url).netloc.lower() for site in network_sites()}


def home_url(path: str, home=None) -> str:
    return absolute_url(home or account_home(), path)
