"""Weather providers: current conditions and a 5-day outlook for a place, in its time zone.

``forecast_for(place)`` asks the configured provider and returns a ``Forecast`` or None, which
the component shows as "forecast unavailable": a provider never breaks a page.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from external.http import HttpError, http_request

from .models import Condition, DailyForecast, WeatherReport

logger = logging.getLogger(__name__)

OUTLOOK_DAYS = 5
# Symbols every common font has (DejaVu included), so no reader sees an empty box.
ICONS = {0: "☀", 1: "☀", 2: "☁", 3: "☁", 45: "≈", 51: "☂", 61: "☔", 65: "☔", 71: "❄", 80: "☂"}


def condition_label(code: int) -> str:
    """Open-Meteo reports every WMO code; those between the named ones share their group's name."""
    named = [c for c in Condition.values if c <= code]
    return Condition(max(named)).label if named else "Unknown"


def condition_icon(code: int) -> str:
    named = [c for c in ICONS if c <= code]
    return ICONS[max(named)] if named and code < 95 else "⚡"


@dataclass(frozen=True)
class Day:
    date: datetime.date
    low_c: float
    high_c: float
    condition: int
    rain_chance: int

    @property
    def label(self):
        return condition_label(self.condition)

    @property
    def icon(self):
        return condition_icon(self.condition)


@dataclass(frozen=True)
class Forecast:
    observed_at: datetime.datetime | None
    temperature_c: float | None
    condition: int | None
    wind_kmh: float | None
    days: tuple[Day, ...]

    @property
    def label(self):
        return condition_label(self.condition) if self.condition is not None else ""

    @property
    def icon(self):
        return condition_icon(self.condition) if self.condition is not None else ""


class WeatherUnavailable(Exception):
    pass


class OfflineProvider:
    """Forecasts stored in the database (filled by the demo, or by anyone's import)."""

    name = "offline"

    def forecast(self, place) -> Forecast:
        today = timezone.now().astimezone(place.tzinfo).date()
        days = tuple(
            Day(d.date, d.low_c, d.high_c, d.condition, d.rain_chance)
            for d in DailyForecast.objects.filter(place=place, date__gte=today).order_by("date")[
                :OUTLOOK_DAYS
            ]
        )
        report = WeatherReport.objects.filter(place=place).first()
        if not days and report is None:
            raise WeatherUnavailable(f"No stored forecast for {place.slug}")
        return Forecast(
            observed_at=report.observed_at if report else None,
            temperature_c=report.temperature_c if report else None,
            condition=report.condition if report else None,
            wind_kmh=report.wind_kmh if report else None,
            days=days,
        )


class OpenMeteoProvider:
    """The free Open-Meteo forecast API (no key). Answers are cached per place."""

    name = "open-meteo"

    def forecast(self, place) -> Forecast:
        key = f"weather:open-meteo:{place.pk}"
        cached = cache.get(key)
        if cached == "failed":
            raise WeatherUnavailable("Open-Meteo failed recently")
        if cached is not None:
            return cached
        try:
            forecast = self._forecast_from(self._fetch(place), place)
        except WeatherUnavailable:
            cache.set(key, "failed", settings.HERALD_WEATHER_FAILURE_SECONDS)
            raise
        cache.set(key, forecast, settings.HERALD_WEATHER_CACHE_SECONDS)
        return forecast

    def _fetch(self, place) -> dict:
        query = {
            "latitude": f"{place.latitude:.4f}",
            "longitude": f"{place.longitude:.4f}",
            "current": "temperature_2m,weather_code,wind_speed_10m",
            "daily": "weather_code,temperature_2m_max,temperature_2m_min,"
            "precipitation_probability_max",
            "timezone": place.timezone,
            "forecast_days": OUTLOOK_DAYS,
        }
        try:
            answer = http_request(
                "GET",
                settings.HERALD_WEATHER_URL,
                params=query,
                timeout=settings.HERALD_WEATHER_TIMEOUT,
                max_bytes=1_000_000,
            )
            return answer.json()
        except (HttpError, ValueError) as error:  # no answer, not 2xx, too large, bad JSON
            raise WeatherUnavailable(f"Open-Meteo: {error}") from error

    @staticmethod
    def _forecast_from(data: dict, place) -> Forecast:
        try:
            current = data.get("current") or {}
            daily = data["daily"]
            days = tuple(
                Day(
                    date=datetime.date.fromisoformat(day),
                    low_c=float(low),
                    high_c=float(high),
                    condition=int(code),
                    rain_chance=int(rain or 0),
                )
                for day, low, high, code, rain in zip(
                    daily["time"],
                    daily["temperature_2m_min"],
                    daily["temperature_2m_max"],
                    daily["weather_code"],
                    daily.get("precipitation_probability_max") or [0] * len(daily["time"]),
                    strict=True,
                )
            )
            observed = current.get("time")
            return Forecast(
                observed_at=(
                    datetime.datetime.fromisoformat(observed).replace(tzinfo=place.tzinfo)
                    if observed
                    else None
                ),
                temperature_c=_number(current.get("temperature_2m")),
                condition=int(current["weather_code"]) if "weather_code" in current else None,
                wind_kmh=_number(current.get("wind_speed_10m")),
                days=days[:OUTLOOK_DAYS],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise WeatherUnavailable(f"Open-Meteo answered unexpectedly: {error!r}") from error


def _number(value):
    return None if value is None else float(value)


PROVIDERS = {OfflineProvider.name: OfflineProvider, OpenMeteoProvider.name: OpenMeteoProvider}


def provider():
    return PROVIDERS[settings.HERALD_WEATHER_PROVIDER]()


def forecast_for(place) -> Forecast | None:
    try:
        return provider().forecast(place)
    except WeatherUnavailable as error:
        logger.warning("Weather unavailable for %s: %s", place.slug, error)
        return None
