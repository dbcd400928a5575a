from django.urls import path

from . import views

urlpatterns = [
    path("live/stream", views.stream, name="live_stream"),
    path("live/latest.json", views.latest, name="live_latest"),
]
