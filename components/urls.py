from django.urls import path

from . import views

app_name = "components"
urlpatterns = [
    path("components/<str:name>/", views.component_fragment, name="fragment"),
    path("local/", views.local_page, name="local"),
    path("traffic/", views.traffic_page, name="traffic"),
    path("listings/", views.listings_page, name="listings"),
    path("listings/propose/", views.listing_propose, name="listing_propose"),
]
