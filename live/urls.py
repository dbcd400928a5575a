from django.conf import settings
from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("live/stream", views.stream, name="stream"),
    path("live/latest.json", views.latest, name="latest"),
]

if settings.HERALD_LIVE_BENCH_TOKEN:
    urlpatterns.append(path("live/bench-publish", views.bench_publish))
