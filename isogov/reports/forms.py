from isogov.core.forms import ModelForm
from isogov.reports.models import AnnualText


class AnnualTextForm(ModelForm):
    class Meta:
        model = AnnualText
        fields = ["number", "signed_on", "signer_title", "signer_name", "difficulties", "proposals", "remarks"]
