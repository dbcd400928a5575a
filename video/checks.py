from django.conf import settings
from django.core.checks import Error, register

LIMITS = {
    "HERALD_VIDEO_MAX_SECONDS": "the longest video editors may upload, in seconds",
    "HERALD_VIDEO_MAX_BYTES": "the largest video file editors may upload, in bytes",
    "HERALD_VIDEO_CAPTIONS_MAX_BYTES": "the largest captions file, in bytes",
}


@register()
def video_settings_check(app_configs, **kwargs):
    errors = []
    for name, meaning in LIMITS.items():
        value = getattr(settings, name, None)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"{name} is {value!r}; set it to a whole number, 1 or more ({meaning}; "
                    "see docs/video.md).",
                    id="video.E001",
                )
            )
    media_model = getattr(settings, "WAGTAILMEDIA", {}).get("MEDIA_MODEL")
    if media_model != "video.Video":
        errors.append(
            Error(
                f'WAGTAILMEDIA["MEDIA_MODEL"] is {media_model!r}; set it to "video.Video", '
                "the model whose form probes each upload (see docs/video.md).",
                id="video.E002",
            )
        )
    return errors
