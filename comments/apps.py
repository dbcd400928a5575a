from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from accounts import registry
        from newsroom.demo.build import register_demo_extra
        from newsroom.navigation import register_article_include, register_head_include

        from . import services
        from .demo import demo_comments_build

        register_article_include("comments/includes/thread_slot.html")
        register_head_include("comments/includes/head.html")
        registry.register_exporter("comments", services.member_export)
        registry.register_eraser("comments", services.member_erase)
        register_demo_extra(demo_comments_build)
