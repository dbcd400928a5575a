from django.conf import settings
from django.core.checks import Error, register


@register()
def weather_settings_check(app_configs, **kwargs):
    from .weather import PROVIDERS

    errors = []
    if settings.HERALD_WEATHER_PROVIDER not in PROVIDERS:
        errors.append(
            Error(
                f"HERALD_WEATHER_PROVIDER is {settings.HERALD_WEATHER_PROVIDER!r}; "
                f"use one of {', '.join(sorted(PROVIDERS))}.",
                id="components.E001",
            )
        )
    if not settings.HERALD_WEATHER_URL.startswith(("https://", "http://")):
        errors.append(Error("HERALD_WEATHER_URL must be an http(s) address.", id="components.E002"))
    return errors
