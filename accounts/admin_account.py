"""The admin's own Account page (``/admin/account/``), fitted to Herald's member.

Wagtail's "Name and Email" panel asks for a required first and last name, so an editor could
not save any account setting (theme, language, notifications) at all. ``herald/urls.py`` routes
the page's path to ``MemberAccountView`` (ahead of Wagtail's admin URLs, the URL name unchanged),
which swaps that panel for one with the display name and the e-mail address, checked as in
Settings → Users (``accounts.admin_users``).
"""

from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views import account

from .services import email_check_available, member_staff_changed
from .usernames import display_name_validate


class MemberNameEmailForm(NameEmailForm):
    first_name = None
    last_name = None

    class Meta(NameEmailForm.Meta):
        fields = ["display_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_before = self.instance.email
        self.fields["display_name"].help_text = "How your name appears beside what you write."
        if "email" in self.fields:
            self.fields["email"].label = "E-mail address"

    def clean_email(self):
        return email_check_available(self.cleaned_data["email"], member=self.instance)

    def clean_display_name(self):
        return display_name_validate(self.cleaned_data["display_name"]) or (
            self.instance.username or ""
        )

    def save(self, commit=True):
        member = super().save(commit=commit)
        if commit:
            member_staff_changed(member=member, by=member, email_before=self.email_before)
        return member


class MemberNameEmailPanel(account.NameEmailSettingsPanel):
    form_class = MemberNameEmailForm


class MemberAccountView(account.AccountView):
    def get_panels(self):
        return [
            MemberNameEmailPanel(self.request, panel.user, panel.profile)
            if isinstance(panel, account.NameEmailSettingsPanel)
            else panel
            for panel in super().get_panels()
        ]


account_view = require_admin_access(MemberAccountView.as_view())
