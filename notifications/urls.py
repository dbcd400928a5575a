from django.urls import path

from . import views

urlpatterns = [
    path("accounts/notifications/", views.notification_list, name="notifications"),
]
