from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField
from isogov.core.validators import normalise_procedure_code, validate_procedure_code
from isogov.qms.models import FactKind, Procedure
from isogov.qms.states import QmsState

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class AnnouncementForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=64,
                                      widget=forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"}))
    decision_date = DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signed_file = forms.FileField(label=_("Signed decision (PDF)"))
    notified_on = DateField(label=_("Lead unit notified in writing on"), required=False, widget=DATE_WIDGET)
    posted_on = DateField(label=_("Posted at the office on"), required=False, widget=DATE_WIDGET)
    website_url = forms.URLField(label=_("Posted on the agency's website at"), required=False, assume_scheme="https")


class FactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record"), choices=FactKind.choices)
    date = DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=16)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_to_state(self):
        to_state = self.cleaned_data["to_state"]
        if to_state not in QmsState.values:
            raise forms.ValidationError(_("Unknown state."))
        return to_state


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


class ProcedureForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40,
                           widget=forms.TextInput(attrs={"placeholder": "1.001234"}))

    def clean_code(self):
        code = normalise_procedure_code(self.cleaned_data["code"])
        validate_procedure_code(code)
        return code
    name = forms.CharField(label=_("Name"), max_length=500)
    field = forms.CharField(label=_("Field"), max_length=200, required=False)
