from django.conf import settings
from django.core.checks import Error, register


@register()
def oidc_settings_check(app_configs, **kwargs):
    from .oidc.id_token import ALGORITHMS

    errors = []
    algorithms = settings.HERALD_OIDC_ALGORITHMS
    unknown = [alg for alg in algorithms if alg not in ALGORITHMS]
    if unknown or not algorithms:
        errors.append(
            Error(
                f"HERALD_OIDC_ALGORITHMS is {','.join(algorithms)!r}; list one or more of "
                f"{','.join(ALGORITHMS)} (public-key signatures only: never none or HS256).",
                id="accounts.E001",
            )
        )
    for name, minimum in (
        ("HERALD_OIDC_LEEWAY", 0),
        ("HERALD_OIDC_MAX_AGE", 1),
        ("HERALD_OIDC_JWKS_CACHE_SECONDS", 0),
    ):
        if getattr(settings, name) < minimum:
            errors.append(
                Error(
                    f"{name} must be a whole number of seconds, {minimum} or more.",
                    id="accounts.E002",
                )
            )
    return errors
