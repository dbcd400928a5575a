from django.urls import path

from . import views

urlpatterns = [
    path("accounts/profile/", views.account_home, name="account_home"),
    path("accounts/profile/create/", views.profile_create, name="profile_create"),
    path("accounts/profile/edit/", views.profile_edit, name="profile_edit"),
    path("accounts/data/", views.account_data, name="account_data"),
    path("accounts/data/export.json", views.account_export, name="account_export"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    # Before allauth's own (herald/urls.py includes these first), under allauth's name.
    path("accounts/logout/", views.SignOutView.as_view(), name="account_logout"),
    path("accounts/menu/", views.user_menu, name="user_menu"),
    path("profile/<str:username>/", views.profile_page, name="profile"),
]
