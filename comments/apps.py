from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """What comments add to articles, the member's account and the demo: wagtail_hooks.py."""

    name = "comments"
    verbose_name = "Comments"
