from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.registry.models import QmsState


class CardFilterForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), required=False)
    state = forms.ChoiceField(label=_("QMS state"), required=False, choices=[("", _("All states")), *QmsState.choices])
    not_compliant = forms.BooleanField(label=_("Only agencies not compliant"), required=False)

    def __init__(self, *args, tiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [("", _("All tiers")), *((t.code, str(t)) for t in tiers)]
