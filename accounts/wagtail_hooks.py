"""The member desk in the Wagtail admin: suspensions, social sign-in applications, and the
pictures beside members' names (``avatars``). Settings → Users is ``admin_users``."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .avatars import avatar_url
from .models import SignInProvider, Suspension
from .services import member_suspend, member_suspension_lift


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


class SuspensionEditForm(WagtailAdminModelForm):
    lift = forms.BooleanField(
        required=False,
        label="Lift this suspension now",
        help_text="The member may post again at once; who lifted it and when is recorded.",
    )
    lift_reason = forms.CharField(
        required=False,
        max_length=600,
        label="Why it is lifted",
        help_text="Optional; kept with the decision in the member's history.",
    )


class SuspensionEditView(generic.EditView):
    """Editing a suspension changes only its reason; ending it early is an explicit, recorded
    lift (the member and the end date of a decision are not rewritten)."""

    def get_panel(self):
        panel = ObjectList(
            [
                HelpPanel(template="accounts/admin/suspension_history.html", heading="History"),
                FieldPanel("reason"),
                FieldPanel("lift"),
                FieldPanel("lift_reason"),
            ],
            base_form_class=SuspensionEditForm,
        )
        return panel.bind_to_model(self.model)

    def get_form_class(self):
        return self.panel.get_form_class()  # not the viewset's, which has every field

    def save_instance(self):
        suspension = self.form.save()
        if self.form.cleaned_data.get("lift") and suspension.lifted_at is None:
            member_suspension_lift(
                suspension=suspension,
                by=self.request.user,
                reason=self.form.cleaned_data.get("lift_reason", ""),
            )
        return suspension


class SuspensionViewSet(ModelViewSet):
    model = Suspension
    icon = "warning"
    menu_label = "Suspensions"
    add_to_admin_menu = True
    menu_order = 600
    form_fields = ["member", "until", "reason"]
    list_display = ["member", "until_text", "reason", "created_at", "lifted_at"]
    list_filter = ["lifted_at"]
    search_fields = ["member__username", "member__email", "reason"]
    add_view_class = SuspensionCreateView
    edit_view_class = SuspensionEditView
    copy_view_enabled = False  # every suspension goes through the service, which records who


class SignInProviderViewSet(SnippetViewSet):
    model = SignInProvider
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


register_snippet(SignInProviderViewSet)


@hooks.register("get_avatar_url")
def member_avatar_url(user, size):
    return avatar_url(user)
