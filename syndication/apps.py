from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Syndication (feeds, sitemaps, structured data)"

    def ready(self):
        from newsroom.navigation import register_head_include

        register_head_include("syndication/head.html")
