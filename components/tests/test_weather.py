"""Weather providers: the offline one reads stored forecasts; the Open-Meteo client is tested
against a real HTTP server on loopback that answers well, badly, slowly or not at all."""

import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.utils import timezone

from components.demo import DRY_SKIES, demo_components_build
from components.models import DailyForecast, WeatherReport
from components.weather import OpenMeteoProvider, forecast_for
from places.models import Place

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def open_meteo_answer(query):
    today = datetime.date.fromisoformat("2026-11-27")
    days = [(today + datetime.timedelta(days=n)).isoformat() for n in range(5)]
    return {
        "timezone": query["timezone"][0],
        "current": {
            "time": "2026-11-27T10:00",
            "temperature_2m": 24.6,
            "weather_code": 2,
            "wind_speed_10m": 18.0,
        },
        "daily": {
            "time": days,
            "weather_code": [0, 3, 61, 95, 2],
            "temperature_2m_max": [28, 27, 22, 20, 25],
            "temperature_2m_min": [16, 17, 15, 14, 15],
            "precipitation_probability_max": [0, 10, 80, 90, 5],
        },
    }


class FakeOpenMeteo(BaseHTTPRequestHandler):
    mode = "good"
    requests = []

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        type(self).requests.append(query)
        if self.mode == "slow":
            time.sleep(1.5)
        status, body = 200, b""
        if self.mode in ("good", "slow"):
            body = json.dumps(open_meteo_answer(query)).encode()
        elif self.mode == "error":
            status, body = 503, b'{"error": true, "reason": "busy"}'
        elif self.mode == "garbage":
            body = b"<html>not json</html>"
        elif self.mode == "wrong-shape":
            body = json.dumps({"daily": {"time": ["2026-11-27"], "weather_code": []}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def open_meteo(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenMeteo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeOpenMeteo.mode, FakeOpenMeteo.requests = "good", []
    settings.HERALD_WEATHER_PROVIDER = "open-meteo"
    settings.HERALD_WEATHER_URL = f"http://127.0.0.1:{server.server_port}/v1/forecast"
    settings.HERALD_WEATHER_TIMEOUT = 0.5
    cache.clear()
    yield FakeOpenMeteo
    server.shutdown()
    cache.clear()


def test_offline_provider_reads_todays_stored_forecast_in_the_places_time_zone(client):
    durban = Place.objects.get(slug="durban")
    today = timezone.now().astimezone(durban.tzinfo).date()
    DailyForecast.objects.filter(place=durban).delete()
    DailyForecast.objects.bulk_create(
        DailyForecast(
            place=durban,
            date=today + datetime.timedelta(days=n),
            low_c=18 + n,
            high_c=27,
            condition=61 if n == 1 else 0,
            rain_chance=60 if n == 1 else 0,
        )
        for n in range(-1, 7)
    )
    WeatherReport.objects.filter(place=durban).update(temperature_c=25.4, condition=3)
    forecast = forecast_for(durban)
    assert [d.date for d in forecast.days] == [today + datetime.timedelta(days=n) for n in range(5)]
    assert forecast.temperature_c == 25.4 and forecast.label == "Overcast"
    html = client.get("/components/weather/?location=durban", **NEWS).content.decode()
    assert "25 °C" in html and "Overcast" in html and "Today" in html
    assert "18–27 °C" in html and "60% rain" in html


def test_offline_provider_without_data_says_unavailable(client):
    WeatherReport.objects.filter(place__slug="kimberley").delete()
    DailyForecast.objects.filter(place__slug="kimberley").delete()
    response = client.get("/components/weather/?location=kimberley", **NEWS)
    assert response.status_code == 200
    assert "Forecast unavailable" in response.content.decode()
    assert "s-maxage=60" in response["Cache-Control"]  # retried soon, not cached for long


def test_open_meteo_forecast_is_asked_for_the_places_coordinates_and_cached(open_meteo, client):
    html = client.get("/components/weather/?location=cape-town", **NEWS).content.decode()
    assert "25 °C" in html and "Partly cloudy" in html and "wind 18 km/h" in html
    assert "16–28 °C" in html and "80% rain" in html
    query = open_meteo.requests[0]
    assert query["latitude"] == ["-33.9258"] and query["timezone"] == ["Africa/Johannesburg"]
    assert query["forecast_days"] == ["5"]
    OpenMeteoProvider().forecast(Place.objects.get(slug="cape-town"))
    assert len(open_meteo.requests) == 1  # the second answer came from the cache


@pytest.mark.parametrize("mode", ["error", "garbage", "wrong-shape", "slow"])
def test_open_meteo_failures_show_unavailable_and_are_not_retried_at_once(
    open_meteo, client, mode, caplog
):
    open_meteo.mode = mode
    response = client.get("/components/weather/?location=durban", **NEWS)
    assert response.status_code == 200
    assert "Forecast unavailable" in response.content.decode()
    assert "Weather unavailable for durban" in caplog.text
    asked = len(open_meteo.requests)
    assert forecast_for(Place.objects.get(slug="durban")) is None
    assert len(open_meteo.requests) == asked  # the failure is remembered for a while


def test_open_meteo_unreachable_degrades_too(settings, client):
    settings.HERALD_WEATHER_PROVIDER = "open-meteo"
    settings.HERALD_WEATHER_URL = "http://127.0.0.1:9/v1/forecast"  # nothing listens there
    cache.clear()
    response = client.get("/components/weather/?location=pretoria", **NEWS)
    assert response.status_code == 200 and "Forecast unavailable" in response.content.decode()
    cache.clear()


def test_home_page_survives_a_weather_outage(open_meteo, client):
    open_meteo.mode = "error"
    response = client.get("/", **NEWS)
    assert response.status_code == 200
    assert "Forecast unavailable" in response.content.decode()


def test_the_demo_weather_agrees_with_itself():
    """No 29 °C "Mainly clear" beside today's "Rain 17–25 °C", no umbrella on a dry day."""
    demo_components_build(seed=11)
    days = list(DailyForecast.objects.select_related("place"))
    assert days
    for day in days:
        dry = day.condition in DRY_SKIES
        assert dry == (day.rain_chance <= 20), (day.place, day.date, day.condition, day.rain_chance)
        assert day.low_c < day.high_c
    today = {(d.place_id, d.date): d for d in days}
    for report in WeatherReport.objects.select_related("place"):
        forecast = today[
            (report.place_id, timezone.localtime(report.observed_at, report.place.tzinfo).date())
        ]
        assert report.condition == forecast.condition
        assert forecast.low_c <= report.temperature_c <= forecast.high_c
