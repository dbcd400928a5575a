from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("accounts/profile/", views.account_home, name="home"),
    path("accounts/profile/create/", views.profile_create, name="profile_create"),
    path("accounts/profile/edit/", views.profile_edit, name="profile_edit"),
    path("accounts/data/", views.account_data, name="data"),
    path("accounts/data/export.json", views.account_export, name="export"),
    path("accounts/delete/", views.account_delete, name="delete"),
    path("accounts/menu/", views.user_menu, name="user_menu"),
    path("profile/<str:username>/", views.profile_page, name="profile"),
]

# Herald's sign-out in place of allauth's, under allauth's own name (no namespace, so allauth's
# templates reach it too): herald/urls.py includes it before allauth's URLs.
allauth_overrides = [
    path("accounts/logout/", views.SignOutView.as_view(), name="account_logout"),
]
