from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField, ModelForm, formfield
from isogov.registry.models import Agency


def _tier_by_code(field, **kwargs):
    # A tier is posted by its code ("commune"), as the import and the list's filter name it.
    if field.name == "tier":
        kwargs["to_field_name"] = "code"
    return formfield(field, **kwargs)


class AgencyForm(ModelForm):
    parent = forms.CharField(label=_("Parent agency code"), max_length=32, required=False,
                             help_text=_("Leave empty for a top-level agency."))
    # Empty means "as the tier says" (Decision 19/2014: mandatory above commune level), so nobody has to know it.
    mandatory = forms.TypedChoiceField(
        label=_("Applies ISO 9001"), required=False, empty_value=None, coerce=lambda v: v == "yes",
        choices=[("", _("As the tier's default")), ("yes", _("Mandatory")), ("no", _("Encouraged"))])

    class Meta:
        model = Agency
        fields = ["code", "name", "tier", "parent", "kind", "mandatory", "iso_secretary", "email", "phone",
                  "active_from"]
        formfield_callback = staticmethod(_tier_by_code)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True  # the agency's identity never changes
            self.initial["parent"] = self.instance.parent.code if self.instance.parent_id else ""
            self.initial["mandatory"] = "yes" if self.instance.mandatory else "no"

    def clean_parent(self):
        code = self.cleaned_data.get("parent", "").strip()
        if not code:
            return None
        parent = Agency.objects.select_related("tier").filter(code=code).first()
        if parent is None:
            raise forms.ValidationError(_("No agency has the code %(code)s.") % {"code": code})
        return parent


class ContactForm(ModelForm):
    """What an agency's own secretary or head may change about it."""

    class Meta:
        model = Agency
        fields = ["iso_secretary", "email", "phone"]


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
