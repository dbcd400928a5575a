"""System checks of the delivery settings, each saying how to fix a bad value."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.http.request import split_domain_port, validate_host


@register()
def site_aliases_check(app_configs, **kwargs):
    """HERALD_SITE_ALIASES maps canonical host names to lists of other hosts Herald accepts."""
    aliases = getattr(settings, "HERALD_SITE_ALIASES", {})
    if not isinstance(aliases, dict) or not all(
        isinstance(names, list | tuple) and all(isinstance(name, str) for name in names)
        for names in aliases.values()
    ):
        return [
            Error(
                "HERALD_SITE_ALIASES must map a site's host name to a list of alias hosts.",
                hint='Set it as "localhost=127.0.0.1,news.example.org=www.news.example.org".',
                id="delivery.E001",
            )
        ]
    problems = []
    for canonical, names in aliases.items():
        for name in names:
            domain, _port = split_domain_port(name.lower())
            if domain == canonical.lower():
                problems.append(
                    Error(
                        f"HERALD_SITE_ALIASES lists {name!r} as an alias of itself.",
                        hint="Remove it: an alias is another host name of the site.",
                        id="delivery.E002",
                    )
                )
            elif not validate_host(domain, settings.ALLOWED_HOSTS):
                problems.append(
                    Warning(
                        f"The alias {name!r} of {canonical!r} is not in ALLOWED_HOSTS, so it "
                        "gets a 400 instead of a redirect.",
                        hint=f"Add {domain} to ALLOWED_HOSTS, or remove the alias.",
                        id="delivery.W003",
                    )
                )
    return problems


@register()
def compression_check(app_configs, **kwargs):
    """Brotli's quality is 0 to 11; the smallest body to compress is not negative."""
    problems = []
    quality = getattr(settings, "HERALD_BROTLI_QUALITY", 5)
    if not isinstance(quality, int) or not 0 <= quality <= 11:
        problems.append(
            Error(
                f"HERALD_BROTLI_QUALITY is {quality!r}; Brotli's quality is 0 to 11.",
                hint="Set HERALD_BROTLI_QUALITY=5 (cheap to store); 11 costs far more CPU.",
                id="delivery.E004",
            )
        )
    smallest = getattr(settings, "HERALD_COMPRESS_MIN_BYTES", 512)
    if not isinstance(smallest, int) or smallest < 0:
        problems.append(
            Error(
                f"HERALD_COMPRESS_MIN_BYTES is {smallest!r}; it is a size in bytes.",
                hint="Set HERALD_COMPRESS_MIN_BYTES=512 (0 compresses every text body).",
                id="delivery.E005",
            )
        )
    return problems
