from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm
from isogov.qms.models import Procedure
from isogov.risks import scale
from isogov.risks.models import Risk, RiskAction

SCALE_FIELDS = ("likelihood", "impact", "residual_likelihood", "residual_impact")


class RiskForm(ModelForm):
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.none(), required=False,
                                       to_field_name="code", empty_label=_("— none —"))

    class Meta:
        model = Risk
        fields = ["kind", "description", "process", "procedure", "likelihood", "impact", "owner", "review_date",
                  "residual_likelihood", "residual_impact", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        # The procedures of the agency's scope, and the one already chosen even if it has left the scope since.
        in_scope = Q(scope_items__agency=agency)
        if self.instance.procedure_id:
            in_scope |= Q(pk=self.instance.procedure_id)
        self.fields["procedure"].queryset = Procedure.objects.filter(in_scope).distinct().order_by("code")
        # The scale's size is a setting: its values are offered as a list; the model checks the range.
        for name in SCALE_FIELDS:
            required = self.fields[name].required
            self.fields[name].widget = forms.Select(choices=[*([] if required else [("", "—")]), *scale.choices()])


class ActionForm(ModelForm):
    class Meta:
        model = RiskAction
        fields = ["description", "owner", "due_date"]
