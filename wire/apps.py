from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "wire"
    verbose_name = "Wire import"

    def ready(self):
        from newsroom.demo.build import register_demo_extra

        from .demo import demo_wire_build

        register_demo_extra(demo_wire_build)
