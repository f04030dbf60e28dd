from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField, ModelForm
from isogov.programme.models import Activity, BudgetLine, Disbursement, Objective, Plan
from isogov.programme.money import MoneyField
from isogov.registry.fields import AgencyChoiceField
from isogov.registry.models import Agency, AgencyStatus, Tier


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    # Agencies share names across districts ("Phường 1"): the code tells them apart.
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


def active_agencies():
    return Agency.objects.filter(status=AgencyStatus.ACTIVE).order_by("tier__rank", "code")


class PlanForm(ModelForm):
    lead_unit = AgencyChoiceField(label=_("Lead unit"), active=True, required=False,
                                  help_text=_("By default the agency marked as programme lead."))
    # An upload, not the stored file: the service checks it is a PDF and replaces the old one.
    decision_file = forms.FileField(label=_("Signed decision (PDF)"), required=False)

    class Meta:
        model = Plan
        fields = ["title", "start_year", "end_year", "lead_unit", "summary", "decision_number", "decision_date",
                  "signer"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "decision_number": forms.TextInput(attrs={"placeholder": "2248/QĐ-UBND"})}


class ObjectiveForm(ModelForm):
    class Meta:
        model = Objective
        fields = ["number", "title", "metric", "tier", "mandatory_only", "target_percent", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].empty_label = _("All tiers")


class ActivityForm(ModelForm):
    lead_unit = AgencyChoiceField(label=_("Lead unit"), active=True, required=False)
    participant_tiers = forms.ModelMultipleChoiceField(
        label=_("Every active agency of these tiers takes part"), queryset=Tier.objects.order_by("rank"),
        required=False, widget=forms.SelectMultiple(attrs={"size": 3}))
    participants = AgencyMultipleChoiceField(
        label=_("Participating agencies"), queryset=active_agencies(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}), help_text=_("Hold Ctrl to choose several."))

    class Meta:
        model = Activity
        fields = ["number", "title", "lead_unit", "start_date", "end_date", "participant_tiers", "participants",
                  "deliverables", "notes"]
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        chosen = {a.pk: a for a in data.get("participants") or []}
        tiers = data.get("participant_tiers")
        if tiers:
            for agency in active_agencies().filter(tier__in=tiers):
                chosen.setdefault(agency.pk, agency)
        data["all_participants"] = list(chosen.values())
        return data


class ProgressForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["status", "progress", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, DOCX, XLSX, PNG or JPEG)"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class BudgetLineForm(ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["description", "category", "funding_source", "estimate", "allocated", "committed", "note"]

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("allocated", "committed"):  # empty: nothing yet
            self.fields[name].required = False
        if frozen:  # approved plan: what was planned stays as approved
            for name in ("description", "category", "funding_source", "estimate"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        for name in ("allocated", "committed"):
            if name in data and data[name] is None:
                data[name] = 0
        return data


class DisburseForm(ModelForm):
    class Meta:
        model = Disbursement
        fields = ["amount", "date", "note"]
        widgets = {"note": forms.TextInput(attrs={"placeholder": _("payment order, invoice…")})}


def disburse_form(line_pk: int, data=None, *, today=None) -> DisburseForm:
    """One form per budget line on the activity page, each with ids of its own."""
    return DisburseForm(data, auto_id=f"id_line{line_pk}_%s", initial={"date": today})


class ReverseForm(forms.Form):
    """Not the entry's fields: the amount taken back (stored negative) and the reason (kept as its note)."""

    amount = MoneyField(label=_("Amount to reverse (đồng)"), required=False,
                        help_text=_("Empty: all that is left of this disbursement."))
    date = DateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason"), max_length=Disbursement._meta.get_field("note").max_length,
                             widget=forms.TextInput(
                                 attrs={"placeholder": _("amount typed wrongly, payment returned…")}))


def reverse_form(entry_pk: int, data=None, *, today=None) -> ReverseForm:
    """One form per disbursement on the activity page, each with ids of its own."""
    return ReverseForm(data, auto_id=f"id_rev{entry_pk}_%s", initial={"date": today})


class NextPlanForm(forms.Form):
    """The next plan's heading; the rollover fills it from this plan (objectives, activities, budget)."""

    title = forms.CharField(label=_("Title"), max_length=Plan._meta.get_field("title").max_length)
    start_year = forms.IntegerField(label=_("First year"))
    end_year = forms.IntegerField(label=_("Last year"))
