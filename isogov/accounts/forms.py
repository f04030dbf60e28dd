from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.accounts.models import ApiToken, Role, User
from isogov.core.forms import ModelForm
from isogov.registry.fields import AgencyChoiceField


class _AccountFields(ModelForm):
    # No role is chosen for the lead: a forgotten default would create a province administrator.
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —")), *Role.choices],
                             error_messages={"required": _("Choose a role.")})
    agency = AgencyChoiceField(label=_("Agency"), required=False,
                               help_text=_("Required for an ISO secretary or agency head; they see this agency "
                                           "and the units under it."))

    class Meta:
        model = User
        fields = ["full_name", "email", "phone", "role", "agency"]

    def __init__(self, *args, manager, **kwargs):
        """`manager` is the person filling the form in: only agencies they may read are offered."""
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.pop("role", None)  # not the model's default (viewer): the lead chooses
        current = self.instance.agency if self.instance.agency_id else None
        self.fields["agency"].offer(access.agencies_readable(manager), keep=current)


def _password_field(label):
    return forms.CharField(label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class _NewPassword:
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
    password = _password_field(_("Initial password"))
    password_confirm = _password_field(_("Initial password again"))

    class Meta(_AccountFields.Meta):
        fields = ["username", *_AccountFields.Meta.fields]
        help_texts = {"username": _("Letters, digits and @ . + - _ only.")}

    def validate_unique(self):
        # The service refuses a username taken in any case ("Alice" and "alice"), with its own message.
        pass


class UserEditForm(_AccountFields):
    pass


class PasswordResetForm(_NewPassword, forms.Form):
    """The programme lead sets a new password for someone else."""

    password = _password_field(_("New password"))
    password_confirm = _password_field(_("New password again"))


class TokenForm(ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires_on"]
        help_texts = {"expires_on": _("Optional: the token stops working after this day.")}
