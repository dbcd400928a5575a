from django.apps import AppConfig


class ExternalConfig(AppConfig):
    name = "external"
    verbose_name = "Outside systems (HTTP client, XML documents)"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
