"""The member desk in the Wagtail admin: suspensions, and social sign-in applications."""

from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Suspension
from .services import member_suspend


class SuspensionCreateView(generic.CreateView):
    def get_form_class(self):
        base = super().get_form_class()

        class SuspensionForm(base):
            def clean_until(self):
                until = self.cleaned_data.get("until")
                if until is not None and until <= timezone.now():
                    raise ValidationError("The end of a suspension must be in the future.")
                return until

        return SuspensionForm

    def save_instance(self):
        data = self.form.cleaned_data
        return member_suspend(
            member=data["member"], by=self.request.user, reason=data["reason"], until=data["until"]
        )


class SuspensionViewSet(ModelViewSet):
    model = Suspension
    icon = "warning"
    menu_label = "Suspensions"
    add_to_admin_menu = True
    menu_order = 600
    form_fields = ["member", "until", "reason"]
    list_display = ["member", "until_text", "reason", "created_at", "created_by", "lifted_at"]
    list_filter = ["lifted_at"]
    search_fields = ["member__username", "member__email", "reason"]
    add_view_class = SuspensionCreateView
    copy_view_enabled = False  # every suspension goes through the service, which records who


class SocialAppViewSet(SnippetViewSet):
    model = SocialApp
    icon = "key"
    menu_label = "Sign-in providers"
    list_display = ["name", "provider", "provider_id", "client_id"]
    panels = [
        FieldPanel("provider"),
        FieldPanel("provider_id"),
        FieldPanel("name"),
        FieldPanel("client_id"),
        FieldPanel("secret"),
        FieldPanel("settings"),
    ]


@hooks.register("register_admin_viewset")
def register_suspensions():
    return SuspensionViewSet("suspensions")


register_snippet(SocialAppViewSet)
