from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.audits.models import MONTHS, Audit, AuditArea, ChecklistItem, Finding, Grade
from isogov.capa.forms import ClauseChoiceField
from isogov.clauses.models import Clause
from isogov.core.forms import DateField, ModelForm
from isogov.qms.models import Procedure


class ClausesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Clause) -> str:
        return f"{obj.number} {obj.title}"


class ProceduresField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Procedure) -> str:
        return f"{obj.code} — {obj.name}"


class PlanForm(ModelForm):
    """The audit, the year of the programme it joins, and the clauses its checklist is built from."""

    year = forms.IntegerField(label=_("Programme year"))
    clauses = ClausesField(label=_("Clauses"), required=False, queryset=Clause.objects.none(),
                           widget=forms.CheckboxSelectMultiple,
                           help_text=_("Leave every box empty to audit all the clauses of the standard."))

    class Meta:
        model = Audit
        fields = ["year", "planned_month", "title", "scope", "clauses", "procedures"]
        field_classes = {"procedures": ProceduresField}
        widgets = {"title": forms.TextInput(attrs={"placeholder": _("Internal audit, first round")}),
                   "scope": forms.Textarea(attrs={"rows": 3}), "procedures": forms.CheckboxSelectMultiple}
        help_texts = {"scope": _("Departments, processes and activities the audit covers.")}

    def __init__(self, *args, agency, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_month"].choices = MONTHS  # a month is always chosen: January unless told otherwise
        self.fields["clauses"].queryset = Clause.objects.filter(framework=framework, auditable=True)
        self.fields["procedures"].queryset = Procedure.objects.filter(scope_items__agency=agency).order_by("code")


def _people(candidates) -> list:
    return [(u.pk, u.full_name or u.username) for u in candidates]


class TeamForm(forms.Form):
    lead_auditor = forms.TypedChoiceField(label=_("Lead auditor (account)"), coerce=int, required=False,
                                          empty_value=None)
    lead_auditor_name = forms.CharField(label=_("or lead auditor's name"), max_length=150, required=False)
    auditors = forms.TypedMultipleChoiceField(label=_("Auditors (accounts)"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    auditor_names = forms.CharField(label=_("Other auditors, one name per line"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["lead_auditor"].choices = [("", "—"), *_people(candidates)]
        self.fields["auditors"].choices = _people(candidates)

    def clean(self):
        data = super().clean()
        data["lead_auditor"] = self.candidates.get(data.get("lead_auditor"))
        data["auditors"] = [self.candidates[pk] for pk in data.get("auditors") or [] if pk in self.candidates]
        data["auditor_names"] = [n for n in (data.get("auditor_names") or "").splitlines() if n.strip()]
        return data


class AreaForm(ModelForm):
    owner = forms.TypedChoiceField(label=_("Owner (account)"), coerce=int, required=False, empty_value=None)

    class Meta:
        model = AuditArea
        fields = ["name", "owner", "owner_name"]
        labels = {"owner_name": _("or owner's name")}

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["owner"].choices = [("", "—"), *_people(candidates)]

    def clean(self):
        data = super().clean()
        data["owner"] = self.candidates.get(data.get("owner"))
        return data


class StartForm(forms.Form):
    audit_date = DateField(label=_("Audit date"))


class ReportForm(forms.Form):
    reported_on = DateField(label=_("Report date"))
    summary = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ChecklistForm(ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["result", "notes"]
        widgets = {"notes": forms.TextInput}


class FindingForm(ModelForm):
    """Given the audit: its checklist's clauses come first, then the other clauses of its standard."""

    clause = ClauseChoiceField(label=_("Clause"), queryset=Clause.objects.none(), to_field_name="number",
                               error_messages={"invalid_choice": _("No such clause in the audit's standard.")})
    area = forms.TypedChoiceField(label=_("Area"), coerce=int, required=False, empty_value=None)

    class Meta:
        model = Finding
        fields = ["grade", "clause", "area", "description"]
        labels = {"description": _("Finding and evidence")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, audit, clauses, areas, **kwargs):
        super().__init__(*args, instance=Finding(audit=audit), **kwargs)
        self.fields["grade"].choices = Grade.choices  # no empty choice: the grade is always given
        # The checklist's clauses come first: they are what the auditors are looking at.
        self.fields["clause"].queryset = Clause.objects.filter(framework_id=audit.framework_id)
        listed = {c.pk for c in clauses}
        self.fields["clause"].choices = [("", "—")] + [(c.number, f"{c.number} {c.title}") for c in clauses] + [
            (c.number, f"{c.number} {c.title}") for c in self._others(audit, listed)]
        self.areas = {a.pk: a for a in areas}
        self.fields["area"].choices = [("", "—"), *((a.pk, a.name) for a in areas)]

    @staticmethod
    def _others(audit, listed):
        return [c for c in Clause.objects.filter(framework_id=audit.framework_id, auditable=True) if c.pk not in listed]

    def clean(self):
        data = super().clean()
        data["area"] = self.areas.get(data.get("area"))
        return data
