from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Places"

    def ready(self):
        from allauth.account.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from . import services

        user_logged_in.connect(services.choices_merge_on_sign_in, weak=False)
        post_migrate.connect(services.gazetteer_load_if_empty, sender=self, weak=False)

        from django.db.models.signals import post_delete, post_save

        from .models import LocationSettings, Place

        for model in (LocationSettings, Place):
            post_save.connect(services.site_defaults_forget, sender=model, weak=False)
            post_delete.connect(services.site_defaults_forget, sender=model, weak=False)
        for signal in (post_save, post_delete):
            signal.connect(services.on_place_changed, sender=Place, weak=False)
