from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from accounts import registry

        from .services import member_export

        registry.register_exporter("notifications", member_export)
