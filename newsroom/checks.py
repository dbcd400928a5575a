"""System checks of the newsroom's settings, each saying how to fix a bad value."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def multimedia_page_size_check(app_configs, **kwargs):
    size = getattr(settings, "HERALD_MULTIMEDIA_PAGE_SIZE", 24)
    if isinstance(size, int) and 1 <= size <= 200:
        return []
    return [
        Error(
            f"HERALD_MULTIMEDIA_PAGE_SIZE is {size!r}; /multimedia/ needs 1 to 200 items a page.",
            hint="Set HERALD_MULTIMEDIA_PAGE_SIZE=24 (four rows of six at 1280 px).",
            id="newsroom.E001",
        )
    ]
