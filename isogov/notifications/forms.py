from django import forms

from isogov.accounts.models import Role
from isogov.notifications.models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "email_due", "email_overdue", "email_escalated"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role != Role.PROVINCE_ADMIN:  # only the programme lead is sent escalations (rules.py)
            del self.fields["email_escalated"]
