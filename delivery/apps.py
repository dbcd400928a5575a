from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Delivery (page caching and surrogate keys)"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
