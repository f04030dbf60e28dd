from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.qms.models import FactKind, Procedure

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class AnnouncementForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=64,
                                      widget=forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"}))
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signed_file = forms.FileField(label=_("Signed decision (PDF)"))
    notified_on = forms.DateField(label=_("Lead unit notified in writing on"), required=False, widget=DATE_WIDGET)
    posted_on = forms.DateField(label=_("Posted at the office on"), required=False, widget=DATE_WIDGET)
    website_url = forms.URLField(label=_("Posted on the agency's website at"), required=False, assume_scheme="https")


class FactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record"), choices=FactKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=16)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ScopeAddForm(forms.Form):
    # A typed code, not a <select>: the catalogue holds thousands of procedures, and a code typed wrongly
    # must come back in the box beside its error.
    procedure = forms.CharField(label=_("Procedure code"), max_length=40)

    def clean_procedure(self):
        procedure = Procedure.objects.filter(code=self.cleaned_data["procedure"]).first()
        if procedure is None:
            raise forms.ValidationError(_("No procedure has this code."))
        return procedure


class ProcedureForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=500)
    field = forms.CharField(label=_("Field"), max_length=200, required=False)
