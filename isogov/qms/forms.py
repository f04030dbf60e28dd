from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm, formfield
from isogov.core.validators import normalise_procedure_code, validate_procedure_code
from isogov.qms.models import Announcement, Procedure, QmsFact, Transition


def _https_formfield(field: models.Field, **kwargs) -> forms.Field | None:
    # An address typed without its scheme ("ubnd.vinhlong.gov.vn/...") is read as https.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return formfield(field, **kwargs)


class AnnouncementForm(ModelForm):
    class Meta:
        model = Announcement
        fields = ["decision_number", "decision_date", "signer", "signed_file", "notified_on", "posted_on",
                  "website_url"]
        widgets = {"decision_number": forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"})}
        formfield_callback = staticmethod(_https_formfield)


class FactForm(ModelForm):
    class Meta:
        model = QmsFact
        fields = ["kind", "date", "note"]
        labels = {"kind": _("Record")}  # as the agency page names the choice (an audit or a review)


class TransitionForm(ModelForm):
    class Meta:
        model = Transition
        fields = ["to_state", "note"]


class ScopeAddForm(forms.Form):
    # A typed code, not a <select>: the catalogue holds thousands of procedures, and a code typed wrongly
    # must come back in the box beside its error.
    procedure = forms.CharField(label=_("Procedure code"), max_length=40)

    def clean_procedure(self):
        typed = self.cleaned_data["procedure"]
        # A procedure stored before codes were checked keeps its exact code, so it can still be found by it.
        procedure = Procedure.objects.filter(code__in=[typed, normalise_procedure_code(typed)]).first()
        if procedure is None:
            validate_procedure_code(normalise_procedure_code(typed))
            raise forms.ValidationError(_("No procedure has this code."))
        return procedure


class ProcedureForm(ModelForm):
    class Meta:
        model = Procedure
        fields = ["code", "name", "field"]
        widgets = {"code": forms.TextInput(attrs={"placeholder": "1.001234"})}
