from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField, PlanDateField
from isogov.programme.models import DEFAULT_FUNDING_SOURCE, ActivityStatus, BudgetCategory, Metric
from isogov.programme.money import format_dong, parse_dong
from isogov.registry.models import Agency, AgencyStatus, Tier

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class MoneyField(forms.Field):
    """Whole đồng typed as "15.000.000" or "15000000"; shown back with dots."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "15.000.000", "class": "money"})

    def prepare_value(self, value):
        return format_dong(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_dong(str(value))

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(_("Enter an amount in đồng."), code="required")


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


def active_agencies():
    return Agency.objects.filter(status=AgencyStatus.ACTIVE).order_by("tier__rank", "code")


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400)
    start_year = forms.IntegerField(label=_("First year"))
    end_year = forms.IntegerField(label=_("Last year"), help_text=_("The same as the first year for a one-year plan."))
    lead_unit = AgencyChoiceField(label=_("Lead unit"), queryset=active_agencies(), required=False,
                                  help_text=_("By default the agency marked as programme lead."))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": "2248/QĐ-UBND"}))
    decision_date = DateField(label=_("Decision date"), required=False, widget=DATE_WIDGET)
    signer = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    decision_file = forms.FileField(label=_("Signed decision (PDF)"), required=False)


class ObjectiveForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)
    title = forms.CharField(label=_("Objective"), max_length=500)
    metric = forms.ChoiceField(label=_("Measured by"), choices=Metric.choices, required=False)
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=Tier.objects.order_by("rank"), required=False,
                                  empty_label=_("All tiers"))
    mandatory_only = forms.BooleanField(label=_("Only agencies that must apply ISO 9001"), required=False)
    target_percent = forms.IntegerField(label=_("Target (%)"), min_value=0, max_value=100, initial=100)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ActivityForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    lead_unit = AgencyChoiceField(label=_("Lead unit"), queryset=active_agencies(), required=False)
    start_date = PlanDateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = PlanDateField(label=_("End date"), widget=DATE_WIDGET)
    participant_tiers = forms.ModelMultipleChoiceField(
        label=_("Every active agency of these tiers takes part"), queryset=Tier.objects.order_by("rank"),
        required=False, widget=forms.SelectMultiple(attrs={"size": 3}))
    participants = AgencyMultipleChoiceField(
        label=_("Participating agencies"), queryset=active_agencies(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}), help_text=_("Hold Ctrl to choose several."))
    deliverables = forms.CharField(label=_("Deliverables"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        chosen = {a.pk: a for a in data.get("participants") or []}
        tiers = data.get("participant_tiers")
        if tiers:
            for agency in active_agencies().filter(tier__in=tiers):
                chosen.setdefault(agency.pk, agency)
        data["all_participants"] = list(chosen.values())
        return data


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, DOCX, XLSX, PNG or JPEG)"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=500)
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices,
                                 help_text=_("The category decides which legal ceiling applies."))
    funding_source = forms.CharField(label=_("Funding source"), max_length=200, initial=DEFAULT_FUNDING_SOURCE)
    estimate = MoneyField(label=_("Estimate (đồng)"))
    allocated = MoneyField(label=_("Allocated (đồng)"), required=False)
    committed = MoneyField(label=_("Committed (đồng)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if frozen:  # approved plan: what was planned stays as approved
            for name in ("description", "category", "funding_source", "estimate"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        for name in ("allocated", "committed"):
            if name in data and data[name] is None:
                data[name] = 0
        return data


class DisburseForm(forms.Form):
    amount = MoneyField(label=_("Amount (đồng)"))
    date = DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           widget=forms.TextInput(attrs={"placeholder": _("payment order, invoice…")}))


def disburse_form(line_pk: int, data=None, *, today=None) -> DisburseForm:
    """One form per budget line on the activity page, each with ids of its own."""
    return DisburseForm(data, auto_id=f"id_line{line_pk}_%s", initial={"date": today})


class ReverseForm(forms.Form):
    amount = MoneyField(label=_("Amount to reverse (đồng)"), required=False,
                        help_text=_("Empty: all that is left of this disbursement."))
    date = DateField(label=_("Date"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             widget=forms.TextInput(
                                 attrs={"placeholder": _("amount typed wrongly, payment returned…")}))


def reverse_form(entry_pk: int, data=None, *, today=None) -> ReverseForm:
    """One form per disbursement on the activity page, each with ids of its own."""
    return ReverseForm(data, auto_id=f"id_rev{entry_pk}_%s", initial={"date": today})


class NextPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400)
    start_year = forms.IntegerField(label=_("First year"))
    end_year = forms.IntegerField(label=_("Last year"))
