from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("settings/locations/", views.location_settings, name="location_settings"),
    path("settings/locations/choices/", views.reader_choices, name="location_choices"),
    path("places/suggest/", views.place_suggestions, name="place_suggestions"),
]
