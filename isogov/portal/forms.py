from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import ModelForm
from isogov.portal.models import News


class NewsForm(ModelForm):
    attachment = forms.FileField(label=_("Attachment (PDF, DOCX, XLSX, PNG or JPEG)"), required=False)
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)

    class Meta:
        model = News
        fields = ["kind", "title", "summary", "body"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"body": _("Plain text: leave a blank line between paragraphs.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance.pk and self.instance.attachment):
            del self.fields["remove_attachment"]
