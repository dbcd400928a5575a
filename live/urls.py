from django.conf import settings
from django.urls import path

from . import views

urlpatterns = [
    path("live/stream", views.stream, name="live_stream"),
    path("live/latest.json", views.latest, name="live_latest"),
]

if settings.HERALD_LIVE_BENCH_TOKEN:
    urlpatterns.append(path("live/bench-publish", views.bench_publish))
