"""The admin's own Account page (``/admin/account/``), fitted to Herald's member.

Wagtail's "Name and Email" panel asks for a required first and last name, so an editor could
not save any account setting (theme, language, notifications) at all. ``herald/urls.py`` routes
the page's path to ``MemberAccountView`` (ahead of Wagtail's admin URLs, the URL name unchanged),
which swaps that panel for one with the display name and the e-mail address, checked as in
Settings → Users (``accounts.admin_users``), and has the profile picture uploaded there go
through Herald's upload checks like every other picture (decoded, size-checked, re-encoded,
its location and camera details removed: ``uploads.pictures``) before other editors see it,
and a refused one says why (Wagtail's panel shows no error).
"""

from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.account import AvatarPreferencesForm, NameEmailForm
from wagtail.admin.views import account

from uploads.pictures import picture_clean

from .admin_users import MemberFormFields
from .services import member_staff_changed


class MemberNameEmailForm(MemberFormFields, NameEmailForm):
    class Meta(NameEmailForm.Meta):
        fields = ["display_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_before = self.instance.email  # before the form writes what was typed
        self.fields["display_name"].help_text = "How your name appears beside what you write."

    def save(self, commit=True):
        member = super().save(commit=commit)
        if commit:
            member_staff_changed(member=member, by=member, email_before=self.email_before)
        return member


class MemberNameEmailPanel(account.NameEmailSettingsPanel):
    form_class = MemberNameEmailForm


class MemberAvatarForm(AvatarPreferencesForm):
    def clean_avatar(self):
        if self.cleaned_data.get("avatar"):
            self.cleaned_data["avatar"] = picture_clean(self.cleaned_data["avatar"])
        return super().clean_avatar()  # Wagtail's: scaled down to 400 px


class MemberAvatarPanel(account.AvatarSettingsPanel):
    form_class = MemberAvatarForm
    template_name = "accounts/admin/avatar_panel.html"  # Wagtail's, saying why it refused


HERALD_PANELS = {
    account.NameEmailSettingsPanel: MemberNameEmailPanel,
    account.AvatarSettingsPanel: MemberAvatarPanel,
}


class MemberAccountView(account.AccountView):
    def get_panels(self):
        return [
            HERALD_PANELS[type(panel)](self.request, panel.user, panel.profile)
            if type(panel) in HERALD_PANELS
            else panel
            for panel in super().get_panels()
        ]


account_view = require_admin_access(MemberAccountView.as_view())
