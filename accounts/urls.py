from django.urls import path

from . import views
from .network import views as network

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
    path("accounts/network/begin/", network.begin, name="network_begin"),
    path("accounts/network/authorize/", network.authorize, name="network_authorize"),
    path("accounts/network/redeem/", network.redeem, name="network_redeem"),
    path("accounts/network/chain/", network.chain, name="network_chain"),
    path("accounts/sessions/", network.session_list, name="sessions"),
    path("accounts/sessions/<int:pk>/end/", network.session_end, name="session_end"),
    path("accounts/sessions/end-others/", network.sessions_end_others, name="sessions_end_others"),
]

# Herald's sign-in, join and sign-out in place of allauth's, under allauth's own names (no
# namespace, so allauth's templates reach them too): herald/urls.py includes them before allauth's.
allauth_overrides = [
    path("accounts/login/", views.SignInView.as_view(), name="account_login"),
    path("accounts/signup/", views.JoinView.as_view(), name="account_signup"),
    path("accounts/logout/", views.SignOutView.as_view(), name="account_logout"),
]
