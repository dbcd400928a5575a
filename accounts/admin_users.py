"""Settings → Users in the Wagtail admin, fitted to Herald's member.

Wagtail's own user forms ask for a first and a last name, which Herald members do not have (they
have a display name), and treat the sign-in field as the username, so the list showed the
e-mail twice. This swaps in Herald's forms and list the way Wagtail documents it: a
``UserViewSet`` subclass named by ``user_viewset`` on the ``wagtailusers`` app config
(``accounts.apps.HeraldUsersConfig``, in ``INSTALLED_APPS`` instead of ``wagtail.users``); see
https://docs.wagtail.org/en/stable/advanced_topics/customisation/custom_user_models.html

The username is shown, never an input: it is the member's choice, made once (``accounts.models``).
Saving goes through ``accounts.services.member_staff_changed``, which keeps allauth's address
record in step with a changed e-mail and purges the pages that show a changed name.
"""

from django import forms
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from .services import email_check_available, member_staff_changed
from .usernames import display_name_validate

DISPLAY_NAME_HELP = "How the member's name appears next to what they write, on every site."
EMAIL_HELP = "The member signs in with this address, and Herald's mail goes to it."


class MemberFormFields(forms.ModelForm):
    """What both forms share: a display name and an e-mail address, checked as members' are."""

    first_name = None  # Wagtail's; Herald members have a display name instead
    last_name = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].help_text = DISPLAY_NAME_HELP
        if "email" in self.fields:  # the Account page has none without email management
            self.fields["email"].label = "E-mail address"
            self.fields["email"].help_text = EMAIL_HELP

    def _clean_username(self):
        """Wagtail checks its "username" (here the e-mail) exactly; ``clean_email`` checks it
        case-insensitively and against every address allauth knows, with a clearer message."""

    def clean_email(self):
        return email_check_available(self.cleaned_data["email"], member=self.instance)

    def clean_display_name(self):
        # Left empty, the member is named by their username, as on their own profile form.
        return display_name_validate(self.cleaned_data["display_name"]) or (
            self.instance.username or ""
        )


class MemberCreationForm(MemberFormFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ["email", "display_name", "is_superuser", "groups"]


class MemberEditForm(MemberFormFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = ["email", "display_name", "is_active", "is_superuser", "groups"]


class MemberIndexView(users.IndexView):
    """The list names each member by display name and username; the e-mail has its column."""

    @cached_property
    def columns(self):
        title = self._get_title_column_class(users.UserColumn)
        wagtail_columns = {column.name: column for column in super().columns}
        return [
            wagtail_columns["bulk_actions"],
            title(
                "display_name",
                accessor=lambda member: member.display_name or member.username or member.email,
                label="Display name",
                sort_key="display_name",
                get_url=self.get_edit_url,
                classname="name",
            ),
            Column(
                "username",
                accessor=lambda member: member.username or "no profile yet",
                label="Username",
                sort_key="username",
                classname="username",
                width="15%",
            ),
            Column("email", label="E-mail address", sort_key="email", width="20%"),
            *(wagtail_columns[name] for name in ("is_superuser", "is_active", "last_login")),
        ]

    @cached_property
    def search_fields(self):
        return ["username", "display_name", "email"]


class MemberCreateView(users.CreateView):
    def save_instance(self):
        member = super().save_instance()
        member_staff_changed(member=member, by=self.request.user, email_before="")
        return member


class MemberEditView(users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Read before the form writes what was typed onto the same object.
        self.email_before = self.object.email

    def save_instance(self):
        member = super().save_instance()
        member_staff_changed(member=member, by=self.request.user, email_before=self.email_before)
        return member


class MemberViewSet(users.UserViewSet):
    ordering = "email"
    index_view_class = MemberIndexView
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    create_template_name = "accounts/admin/member_create.html"
    edit_template_name = "accounts/admin/member_edit.html"

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
