from django.conf import settings
from django.core.checks import Error, register

DJANGO_HANDLERS = {
    "django.core.files.uploadhandler.MemoryFileUploadHandler": "MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler": "TemporaryFileUploadHandler",
}


@register()
def upload_settings_check(app_configs, **kwargs):
    errors = []
    for name in ("HERALD_UPLOAD_ALLOWANCE", "HERALD_UPLOAD_ALLOWANCE_HOURS"):
        value = getattr(settings, name)
        if not isinstance(value, int) or value < 1:
            errors.append(
                Error(
                    f"{name} is {value!r}; set it to a whole number, 1 or more (members may "
                    "send HERALD_UPLOAD_ALLOWANCE files in any HERALD_UPLOAD_ALLOWANCE_HOURS).",
                    id="uploads.E001",
                )
            )
    for path, name in DJANGO_HANDLERS.items():
        if path in settings.FILE_UPLOAD_HANDLERS:
            errors.append(
                Error(
                    f"FILE_UPLOAD_HANDLERS lists Django's {name}; list "
                    f"uploads.multipart.{name} instead, which shortens long file names "
                    "before Django uses them (see uploads/multipart.py).",
                    id="uploads.E002",
                )
            )
    return errors
