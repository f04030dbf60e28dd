from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from isogov.accounts.models import User
from isogov.core.forms import DateField, ModelForm
from isogov.inspections import checklist
from isogov.inspections.models import Finding, Inspection, InspectionPlan, InspectorProfile, RecordsResult, Result
from isogov.inspections.selectors import inspectors
from isogov.programme.models import BudgetLine
from isogov.registry.models import Agency, AgencyStatus


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return str(user)


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        return str(user)


class BudgetLineField(forms.ModelChoiceField):
    def label_from_instance(self, line: BudgetLine) -> str:
        return f"{line.activity.plan.period} · ({line.activity.number}) {line.description}"


class PlanForm(ModelForm):
    leader = PersonField(label=_("Team leader"), queryset=inspectors(), required=False)
    team = PeopleField(label=_("Team"), queryset=inspectors(), required=False, widget=forms.CheckboxSelectMultiple)
    budget_line = BudgetLineField(label=_("Budget line of the programme"), required=False,
                                  queryset=BudgetLine.objects.select_related("activity__plan")
                                  .order_by("-activity__plan__start_year", "activity__number", "id"))

    class Meta:
        model = InspectionPlan
        fields = ["year", "inspecting_unit", "period_start", "period_end", "form", "onsite_target", "budget",
                  "budget_line", "leader", "team", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True
        else:
            self.initial.setdefault("inspecting_unit", settings.ISOGOV["INSPECTING_UNIT"])
            self.initial.setdefault("onsite_target", settings.ISOGOV["INSPECTION_ONSITE_DEFAULT"])


class OnsiteForm(forms.Form):
    agencies = forms.MultipleChoiceField(label=_("Agencies inspected on site"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    other_codes = forms.CharField(label=_("Add agencies by code"), required=False,
                                  help_text=_("Codes separated by spaces, e.g. an encouraged commune."))

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = [(c, c) for c in codes]

    def clean(self):
        cleaned = super().clean()
        extra = [c for c in (cleaned.get("other_codes") or "").replace(",", " ").replace(";", " ").split() if c]
        codes = {*cleaned.get("agencies", []), *extra}
        found = {a.code: a for a in Agency.objects.filter(code__in=codes, status=AgencyStatus.ACTIVE)}
        unknown = sorted(set(extra) - set(found))
        if unknown:
            self.add_error("other_codes", _("No active agency has the code(s): %(codes)s.")
                           % {"codes": ", ".join(unknown)})
        cleaned["chosen"] = [found[c] for c in sorted(found)]
        return cleaned


class ApproveForm(forms.Form):
    decision_number = forms.CharField(label=_("Approving decision (number)"), max_length=64)
    decision_date = DateField(label=_("Approved on"))


class InspectionForm(ModelForm):
    leader = PersonField(label=_("Team leader"), queryset=inspectors(), required=False)
    team = PeopleField(label=_("Team"), queryset=inspectors(), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Inspection
        fields = ["decision_number", "decision_date", "scheduled_on", "leader", "team", "conclusions",
                  "recommendations"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 4}),
                   "recommendations": forms.Textarea(attrs={"rows": 4})}


class ChecklistForm(forms.Form):
    """One result and its evidence per point of the checklist (Circular 26, art. 36)."""

    def __init__(self, *args, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *Result.choices]
        for p in checklist.points():
            answer = answers.get(p.code)
            self.fields[f"result_{p.code}"] = forms.ChoiceField(label=str(p), choices=choices, required=False,
                                                                initial=answer.result if answer else "")
            self.fields[f"evidence_{p.code}"] = forms.CharField(
                label=_("Evidence"), required=False, initial=answer.evidence if answer else "",
                widget=forms.Textarea(attrs={"rows": 2}))

    def answers(self) -> dict[str, tuple[str, str]]:
        return {p.code: (self.cleaned_data.get(f"result_{p.code}", ""), self.cleaned_data.get(f"evidence_{p.code}", ""))
                for p in checklist.points()}


class FindingForm(ModelForm):
    point = forms.ChoiceField(label=_("Checklist point"), choices=checklist.choices)

    class Meta:
        model = Finding
        fields = ["point", "grade", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(forms.Form):
    point = forms.ChoiceField(label=_("Checklist point"), required=False,
                              choices=lambda: [("", "—"), *checklist.choices()])
    title = forms.CharField(label=_("Title"), max_length=255, required=False, help_text=_("Empty: the file's name."))
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPEG)"))


class RecordForm(forms.Form):
    record_date = DateField(label=_("Record (biên bản) dated"))


class SignedRecordForm(forms.Form):
    upload = forms.FileField(label=_("Signed record (PDF)"))


class RecordsCheckForm(forms.Form):
    checked_on = DateField(label=_("Checked on"))
    passed = forms.MultipleChoiceField(label=_("Points satisfied"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       choices=lambda: [(p.code, str(p)) for p in checklist.records_points()])
    result = forms.ChoiceField(label=_("Result"), choices=RecordsResult.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProfileForm(ModelForm):
    class Meta:
        model = InspectorProfile
        fields = ["degree", "state_management_certificate", "auditor_certificate", "working_since"]
