from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.accounts.models import Role
from isogov.registry.fields import AgencyChoiceField
from isogov.registry.models import Agency


class _AccountFields(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    # No role is chosen for the lead: a forgotten default would create a province administrator.
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —")), *Role.choices],
                             error_messages={"required": _("Choose a role.")})
    agency = AgencyChoiceField(label=_("Agency"), required=False,
                               help_text=_("Required for an ISO secretary or agency head; they see this agency "
                                           "and the units under it."))

    def __init__(self, *args, manager, current_agency: Agency | None = None, **kwargs):
        """`manager` is the person filling the form in: only agencies they may read are offered."""
        super().__init__(*args, **kwargs)
        self.fields["agency"].offer(access.agencies_readable(manager), keep=current_agency)


def _password_field(label):
    return forms.CharField(label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class _NewPassword(forms.Form):
    """A password typed twice. Its strength is judged by the service, which knows the account it is for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(password_validators_help_texts())

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_confirm") and data["password"] != data["password_confirm"]:
            self.add_error("password_confirm", _("The two passwords differ."))
        return data


class UserCreateForm(_NewPassword, _AccountFields):
    username = forms.CharField(label=_("Username"), max_length=150,
                               help_text=_("Letters, digits and @ . + - _ only."))
    password = _password_field(_("Initial password"))
    password_confirm = _password_field(_("Initial password again"))

    field_order = ["username", "full_name", "email", "phone", "role", "agency", "password", "password_confirm"]


class UserEditForm(_AccountFields):
    pass


class PasswordResetForm(_NewPassword):
    """The programme lead sets a new password for someone else."""

    password = _password_field(_("New password"))
    password_confirm = _password_field(_("New password again"))
