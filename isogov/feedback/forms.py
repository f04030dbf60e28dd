from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.capa.forms import DATE_WIDGET
from isogov.core.forms import DateField
from isogov.feedback.models import Channel
from isogov.qms.models import Procedure


class ProcedureField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Procedure) -> str:
        return f"{obj.code} — {obj.name}"


def _procedure_field(label) -> ProcedureField:
    return ProcedureField(label=label, required=False, queryset=Procedure.objects.none(), to_field_name="code",
                          empty_label=_("— the agency as a whole —"),
                          error_messages={"invalid_choice": _("This procedure is not in the agency's QMS scope.")})


class _ScopedForm(forms.Form):
    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(scope_items__agency=agency).order_by("code")


class ComplaintForm(_ScopedForm):
    received_on = DateField(label=_("Received on"), widget=DATE_WIDGET)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    procedure = _procedure_field(_("Procedure"))
    citizen_name = forms.CharField(label=_("Citizen (optional)"), max_length=150, required=False)
    content = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 2}))


class RespondForm(forms.Form):
    responded_on = DateField(label=_("Answered on"), widget=DATE_WIDGET)
    response = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))


class SurveyForm(_ScopedForm):
    procedure = _procedure_field(_("Procedure"))
    period_start = DateField(label=_("Period from"), widget=DATE_WIDGET)
    period_end = DateField(label=_("Period to"), widget=DATE_WIDGET)
    surveyed = forms.IntegerField(label=_("Citizens surveyed"), min_value=0)
    satisfied = forms.IntegerField(label=_("Satisfied"), min_value=0)
    method = forms.CharField(label=_("Method"), max_length=200, required=False,
                             widget=forms.TextInput(attrs={"placeholder": _("Paper form, QR code, phone…")}))
