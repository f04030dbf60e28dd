from django import forms

from isogov.notifications.models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "email_due", "email_overdue", "email_escalated"]
