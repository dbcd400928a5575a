"""System checks of the HTTP client's settings, each saying how to fix a bad value."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def http_settings_check(app_configs, **kwargs):
    """A request with no timeout could hang a worker; many retries would multiply an outage."""
    problems = []
    timeout = getattr(settings, "HERALD_HTTP_TIMEOUT", 5)
    if not isinstance(timeout, int | float) or timeout <= 0:
        problems.append(
            Error(
                f"HERALD_HTTP_TIMEOUT_MS must be more than 0 (it gives {timeout!r} seconds).",
                hint="Set HERALD_HTTP_TIMEOUT_MS to a number of milliseconds, such as 5000.",
                id="external.E001",
            )
        )
    retries = getattr(settings, "HERALD_HTTP_RETRIES", 1)
    if not isinstance(retries, int) or not 0 <= retries <= 5:
        problems.append(
            Error(
                f"HERALD_HTTP_RETRIES must be a whole number from 0 to 5, not {retries!r}.",
                hint="Set HERALD_HTTP_RETRIES to 1 (the default), or 0 for no retry.",
                id="external.E002",
            )
        )
    return problems
