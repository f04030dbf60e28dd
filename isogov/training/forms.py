from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm
from isogov.registry.fields import AgencyChoiceField
from isogov.training.models import Course, Session, Trainee


class CourseForm(ModelForm):
    organiser = AgencyChoiceField(label=_("Organiser"), active=True)

    class Meta:
        model = Course
        fields = ["title", "topic", "organiser", "trainers", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SessionForm(ModelForm):
    class Meta:
        model = Session
        fields = ["start_date", "end_date", "place", "trainer", "note"]


class TraineeForm(ModelForm):
    agency = AgencyChoiceField(label=_("Agency"), active=True)

    class Meta:
        model = Trainee
        fields = ["full_name", "position", "agency", "is_iso_secretary", "completed", "certificate_number"]
        labels = {"completed": _("Completed the course")}
