from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField
from isogov.reviews.models import OutputKind

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class ReviewForm(forms.Form):
    date = DateField(label=_("Meeting date"), widget=DATE_WIDGET)
    chair = forms.CharField(label=_("Chaired by"), max_length=150, required=False,
                            help_text=_("Usually the head of the agency."))
    participants = forms.CharField(label=_("Participants"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One person per line."))


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Discussion and conclusions"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Output"), choices=OutputKind.choices)
    description = forms.CharField(label=_("Decision or action"), max_length=1000)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    due_date = DateField(label=_("Due date"), widget=DATE_WIDGET)
