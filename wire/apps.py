from django.apps import AppConfig


class WireConfig(AppConfig):
    """The wire desk and the demo's wire copy are registered in wagtail_hooks.py."""

    name = "wire"
    verbose_name = "Wire import"
