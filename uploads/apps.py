from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "uploads"
    verbose_name = "Upload checks"

    def ready(self):
        from . import checks  # noqa: F401 (checks register themselves)
        from .multipart import part_headers_allow

        part_headers_allow()  # long file names reach the form (see uploads/multipart.py)
