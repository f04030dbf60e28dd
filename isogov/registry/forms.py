from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField
from isogov.registry.models import Agency, AgencyKind, Tier


class AgencyForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=Tier.objects.all(), to_field_name="code")
    parent = forms.CharField(label=_("Parent agency code"), max_length=32, required=False,
                             help_text=_("Leave empty for a top-level agency."))
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices)
    # Empty means "as the tier says" (Decision 19/2014: mandatory above commune level), so nobody has to know it.
    mandatory = forms.TypedChoiceField(
        label=_("Applies ISO 9001"), required=False, empty_value=None, coerce=lambda v: v == "yes",
        choices=[("", _("As the tier's default")), ("yes", _("Mandatory")), ("no", _("Encouraged"))])
    iso_secretary = forms.CharField(label=_("ISO secretary"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    active_from = DateField(label=_("Active from"), required=False)

    def __init__(self, *args, editing: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing is not None:
            self.fields["code"].disabled = True
            self.fields["code"].required = False

    def clean_parent(self):
        code = self.cleaned_data.get("parent", "").strip()
        if not code:
            return None
        parent = Agency.objects.select_related("tier").filter(code=code).first()
        if parent is None:
            raise forms.ValidationError(_("No agency has the code %(code)s.") % {"code": code})
        return parent


class ContactForm(forms.Form):
    """What an agency's own secretary or head may change about it."""

    iso_secretary = forms.CharField(label=_("ISO secretary"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Merged into (agency code)"), max_length=32)
    effective_date = DateField(label=_("Effective date"))
    note = forms.CharField(label=_("Note (e.g. the decision that merged them)"), max_length=500, required=False)

    def clean_into(self):
        code = self.cleaned_data["into"].strip()
        agency = Agency.objects.select_related("tier").filter(code=code).first()
        if agency is None:
            raise forms.ValidationError(_("No agency has the code %(code)s.") % {"code": code})
        return agency
