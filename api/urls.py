from django.urls import path

from . import views
from .api import api

app_name = "api"
urlpatterns = [
    path("api/v1/docs/", views.docs, name="docs"),
]

# django-ninja's own namespace ("api-v1"), which it reverses itself: included at the top level
# by herald/urls.py, not under "api".
ninja_urlpatterns = [path("api/v1/", api.urls)]
