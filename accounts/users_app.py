"""Wagtail's users app with Herald's member forms and list (``accounts.admin_users``).

``INSTALLED_APPS`` names ``accounts.users_app.HeraldUsersConfig`` instead of ``wagtail.users``;
it is a module of its own because ``accounts.apps`` must hold one app config only.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class HeraldUsersConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_users.MemberViewSet"
