from django import forms
from django.core.exceptions import ValidationError

from uploads.pictures import picture_clean
from uploads.services import UploadAllowanceExceeded, upload_allowance_take

from .services import DELETE_MODES, username_check_available
from .usernames import MAX_LENGTH, RULES_TEXT, display_name_validate


class ProfileCreateForm(forms.Form):
    username = forms.CharField(
        max_length=200,  # longer input reaches the rules and gets their message
        help_text=RULES_TEXT,
        widget=forms.TextInput(attrs={"autocomplete": "username", "maxlength": MAX_LENGTH * 2}),
    )
    display_name = forms.CharField(
        max_length=60,
        required=False,
        help_text="How your name appears next to what you write. You can change it later.",
    )

    def clean_username(self):
        return username_check_available(self.cleaned_data["username"])

    def clean_display_name(self):
        return display_name_validate(self.cleaned_data["display_name"])


class ProfileEditForm(forms.Form):
    display_name = forms.CharField(max_length=60, required=False)
    bio = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    avatar = forms.FileField(
        required=False,
        help_text="A JPEG, PNG or WebP picture. Its location and camera details are removed.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(required=False, label="Remove my picture")

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.retry_after = None  # seconds, when the member's upload allowance is spent

    def clean_display_name(self):
        return display_name_validate(self.cleaned_data["display_name"])

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        try:
            # Avatars draw on the same allowance as every other upload.
            upload_allowance_take(member=self.member, files=1, path="avatar")
        except UploadAllowanceExceeded as error:
            self.retry_after = error.retry_after
            raise ValidationError(error.message, code="allowance") from None
        return picture_clean(upload)


class AccountDeleteForm(forms.Form):
    contributions = forms.ChoiceField(
        choices=[
            ("anonymise", "Keep what I wrote, shown as by a former member"),
            ("remove", "Remove everything I wrote"),
        ],
        widget=forms.RadioSelect,
        initial="anonymise",
    )
    confirm = forms.CharField(
        help_text="Type DELETE to confirm. This cannot be undone.",
    )

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != "DELETE":
            raise ValidationError("Type DELETE (in capitals) to confirm.")
        return "DELETE"

    def clean_contributions(self):
        value = self.cleaned_data["contributions"]
        if value not in DELETE_MODES:
            raise ValidationError("Choose what happens to your contributions.")
        return value
