from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from newsroom.demo.build import register_demo_extra

        from .demo import demo_comments_build

        # What comments add to articles and to the member's account: wagtail_hooks.py.
        register_demo_extra(demo_comments_build)
