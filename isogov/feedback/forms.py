from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm
from isogov.feedback.models import Complaint, SatisfactionSurvey
from isogov.qms.models import Procedure


class ProcedureField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Procedure) -> str:
        return f"{obj.code} — {obj.name}"


def _procedure_field(label) -> ProcedureField:
    return ProcedureField(label=label, required=False, queryset=Procedure.objects.none(), to_field_name="code",
                          empty_label=_("— the agency as a whole —"),
                          error_messages={"invalid_choice": _("This procedure is not in the agency's QMS scope.")})


class _ScopedForm(ModelForm):
    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(scope_items__agency=agency).order_by("code")


class ComplaintForm(_ScopedForm):
    procedure = _procedure_field(_("Procedure"))

    class Meta:
        model = Complaint
        fields = ["received_on", "channel", "procedure", "citizen_name", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}


class RespondForm(ModelForm):
    class Meta:
        model = Complaint
        fields = ["responded_on", "response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 2})}


class SurveyForm(_ScopedForm):
    procedure = _procedure_field(_("Procedure"))

    class Meta:
        model = SatisfactionSurvey
        fields = ["procedure", "period_start", "period_end", "surveyed", "satisfied", "method"]
        widgets = {"method": forms.TextInput(attrs={"placeholder": _("Paper form, QR code, phone…")})}
