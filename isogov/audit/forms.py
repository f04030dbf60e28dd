from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.audit.models import Action
from isogov.core.forms import DateField

def _date_field(label):
    return DateField(label=label, required=False,
                     widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "size": 10}))


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (username)"), max_length=150, required=False)
    date_from = _date_field(_("From"))
    date_to = _date_field(_("To"))
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All actions")), *Action.choices])
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    agency = forms.CharField(label=_("Agency code"), max_length=32, required=False)
    units = forms.BooleanField(label=_("Include units under it"), required=False)

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All types")), *object_types]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
