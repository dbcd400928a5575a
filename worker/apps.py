from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Task worker"

    def ready(self):
        from . import checks  # noqa: F401 (checks register themselves)
