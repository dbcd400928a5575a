from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Delivery (page caching and surrogate keys)"

    def ready(self):
        from django.core.signals import setting_changed

        from . import checks  # noqa: F401  (registers the system checks)
        from .pagecache import forget_hit_rules

        setting_changed.connect(forget_hit_rules)
