import re

from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm
from isogov.events.models import Attendee, Event
from isogov.programme.models import Activity
from isogov.registry.fields import AgencyChoiceField
from isogov.registry.models import Agency, AgencyStatus, Tier


def active_agencies():
    return Agency.objects.filter(status=AgencyStatus.ACTIVE).select_related("tier").order_by("tier__rank", "path")


class AgencyMultipleField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=active_agencies(), to_field_name="code", required=False,
                         error_messages={"invalid_choice": _("No active agency has the code %(value)s.")}, **kwargs)

    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.code} — {obj.name}"


class ActivityField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.plan.period} · ({obj.number}) {obj.title}"


def parse_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,;]+", text or "") if c]


class EventForm(ModelForm):
    organiser = AgencyChoiceField(label=_("Organiser"), active=True)
    activity = ActivityField(label=_("Programme activity"), required=False,
                             queryset=Activity.objects.select_related("plan").order_by("-plan__start_year", "number"))
    invite_tiers = forms.ModelMultipleChoiceField(
        label=_("Invite every active agency of these tiers"), queryset=Tier.objects.all(), to_field_name="code",
        required=False, widget=forms.CheckboxSelectMultiple)
    invited = AgencyMultipleField(label=_("Invited agencies"), widget=forms.SelectMultiple(attrs={"size": 12}),
                                  help_text=_("Hold Ctrl (or ⌘) to pick several."))

    class Meta:
        model = Event
        fields = ["title", "kind", "date", "place", "organiser", "activity", "agenda", "invited"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        cleaned = super().clean()
        chosen = {a.pk: a for a in cleaned.get("invited") or []}
        tiers = cleaned.get("invite_tiers")
        if tiers:
            chosen.update((a.pk, a) for a in active_agencies().filter(tier__in=tiers))
        cleaned["invited"] = list(chosen.values())
        return cleaned


class AttendanceForm(forms.Form):
    attending = forms.ModelMultipleChoiceField(label=_("Agencies that attended"), queryset=Agency.objects.none(),
                                               required=False, widget=forms.CheckboxSelectMultiple)
    other_codes = forms.CharField(label=_("Other agencies that came without an invitation (codes)"), required=False,
                                  widget=forms.TextInput(attrs={"placeholder": "29242 29245"}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attending"].queryset = candidates
        self.fields["attending"].label_from_instance = lambda a: f"{a.code} — {a.name}"

    def clean(self):
        cleaned = super().clean()
        codes = parse_codes(cleaned.get("other_codes", ""))
        found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            self.add_error("other_codes", _("No agency has the code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        chosen = {a.pk: a for a in cleaned.get("attending") or []}
        chosen.update((a.pk, a) for a in found.values())
        cleaned["agencies"] = list(chosen.values())
        return cleaned


class AttendeeForm(ModelForm):
    agency = AgencyChoiceField(label=_("Agency"), active=True)

    class Meta:
        model = Attendee
        fields = ["full_name", "position", "agency"]


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False,
                            help_text=_("Empty: the file's name."))
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPEG)"))
