from django.apps import AppConfig


class ExternalConfig(AppConfig):
    name = "external"
    verbose_name = "Outside systems (HTTP client, XML documents)"
