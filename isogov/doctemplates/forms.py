from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("New template (.docx)"),
                           help_text=_("A Word file with the same tags as the current one: download it, change its "
                                       "wording or layout in Word, keep the {{ … }} and {% … %} tags, upload it."))
