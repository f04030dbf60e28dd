from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField
from isogov.registry.models import Agency, AgencyStatus
from isogov.training.models import Topic

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class AgencyChoiceField(forms.ModelChoiceField):
    """An active agency picked by code; the list shows the code and name, top tier first."""

    def __init__(self, **kwargs):
        queryset = Agency.objects.filter(status=AgencyStatus.ACTIVE).order_by("tier__rank", "path")
        super().__init__(queryset=queryset, to_field_name="code",
                         error_messages={"invalid_choice": _("No active agency has this code.")}, **kwargs)

    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.code} — {obj.name}"


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    organiser = AgencyChoiceField(label=_("Organiser"))
    trainers = forms.CharField(label=_("Trainers"), max_length=500, required=False,
                               help_text=_("Names of the trainers, separated by commas."))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class SessionForm(forms.Form):
    start_date = DateField(label=_("First day"), widget=DATE_WIDGET)
    end_date = DateField(label=_("Last day"), required=False, widget=DATE_WIDGET,
                               help_text=_("Empty for a one-day session."))
    place = forms.CharField(label=_("Place"), max_length=255)
    trainer = forms.CharField(label=_("Trainer"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TraineeForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    agency = AgencyChoiceField(label=_("Agency"))
    is_iso_secretary = forms.BooleanField(label=_("ISO secretary"), required=False)
    completed = forms.BooleanField(label=_("Completed the course"), required=False)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=50, required=False)


class CoverageForm(forms.Form):
    min = forms.IntegerField(label=_("Trained staff needed per agency"), min_value=1, max_value=50, required=False)
    tier = forms.ChoiceField(label=_("Tier"), required=False)

    def __init__(self, *args, tiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [("", _("All tiers")), *((t.code, str(t)) for t in tiers)]
