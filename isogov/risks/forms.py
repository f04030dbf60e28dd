from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField
from isogov.qms.models import Procedure
from isogov.risks import scale
from isogov.risks.models import Kind, Risk, Status

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def _int_or_none(value):
    return int(value) if value not in ("", None) else None


class RiskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    process = forms.CharField(label=_("Process or area"), max_length=200, required=False)
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.none(), required=False,
                                       to_field_name="code", empty_label=_("— none —"))
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    review_date = DateField(label=_("Next review"), widget=DATE_WIDGET)
    residual_likelihood = forms.TypedChoiceField(label=_("Residual likelihood"), coerce=int, required=False,
                                                 empty_value=None)
    residual_impact = forms.TypedChoiceField(label=_("Residual impact"), coerce=int, required=False, empty_value=None,
                                             help_text=_("After the treatment actions; leave both empty until then."))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.OPEN)

    def __init__(self, *args, agency, current: Risk | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The procedures of the agency's scope, and the one already chosen even if it has left the scope since.
        in_scope = Q(scope_items__agency=agency)
        if current is not None and current.procedure_id:
            in_scope |= Q(pk=current.procedure_id)
        self.fields["procedure"].queryset = Procedure.objects.filter(in_scope).distinct().order_by("code")
        values = [(i, str(i)) for i in range(1, scale.size() + 1)]
        for name in ("likelihood", "impact"):
            self.fields[name].choices = values
        for name in ("residual_likelihood", "residual_impact"):
            self.fields[name].choices = [("", "—"), *values]

    @staticmethod
    def initial_of(risk: Risk) -> dict:
        values = {name: getattr(risk, name) for name in RiskForm.base_fields}
        values["procedure"] = risk.procedure.code if risk.procedure_id else ""
        return values


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    due_date = DateField(label=_("Due date"), widget=DATE_WIDGET)
