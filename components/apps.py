from django.apps import AppConfig


class ComponentsConfig(AppConfig):
    name = "components"
    verbose_name = "Weather, traffic and listings"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks, services  # noqa: F401 (checks register themselves)
        from .models import DailyForecast, Listing, TrafficAlert, WeatherReport

        for model, receiver in (
            (TrafficAlert, services.on_alert_changed),
            (Listing, services.on_listing_changed),
            (WeatherReport, services.on_weather_changed),
            (DailyForecast, services.on_weather_changed),
        ):
            post_save.connect(receiver, sender=model, weak=False)
            post_delete.connect(receiver, sender=model, weak=False)
