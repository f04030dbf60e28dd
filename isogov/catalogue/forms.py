from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.catalogue.models import EditionTransition, LegalText, Publication
from isogov.core.files import check_import_size
from isogov.core.forms import ModelForm
from isogov.core.validators import normalise_procedure_code
from isogov.qms.models import Procedure


class PublicationForm(ModelForm):
    file = forms.FileField(label=_("Procedure list (.xlsx or .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    class Meta:
        model = Publication
        fields = ["number", "decided_on"]
        widgets = {"number": forms.TextInput(attrs={"placeholder": "1234/QĐ-UBND"})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_import_size(upload)
        return upload


class LegalTextForm(ModelForm):
    # Codes typed, one or many, separated by spaces or commas: thousands of procedures make a list unusable.
    codes = forms.CharField(label=_("Procedures affected (national codes)"), widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("For example 1.001193, 1.000894"))

    class Meta:
        model = LegalText
        fields = ["legal_number", "title", "issuing_body", "issued_on", "effective_on"]
        widgets = {"legal_number": forms.TextInput(attrs={"placeholder": "12/2026/QĐ-UBND"})}

    def clean_codes(self):
        typed = [normalise_procedure_code(c) for c in self.cleaned_data["codes"].replace(",", " ").split()]
        found = {p.code: p for p in Procedure.objects.filter(code__in=typed)}
        unknown = [c for c in typed if c not in found]
        if unknown:
            raise forms.ValidationError(_("No procedure has these codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return list(found.values())


class ProposalForm(forms.Form):
    """The proposed changes, each ticked by default; the secretary unticks what does not apply to her agency."""

    add = forms.ModelMultipleChoiceField(queryset=Procedure.objects.none(), required=False,
                                         widget=forms.CheckboxSelectMultiple, label=_("Add to the scope"))
    remove = forms.ModelMultipleChoiceField(queryset=Procedure.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple, label=_("Remove from the scope"))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add"].queryset = Procedure.objects.filter(pk__in=[p.pk for p in proposal["add"]])
        self.fields["remove"].queryset = Procedure.objects.filter(pk__in=[p.pk for p in proposal["remove"]])
        self.fields["add"].label_from_instance = self.fields["remove"].label_from_instance = str
        if not self.is_bound:
            self.initial = {"add": [p.pk for p in proposal["add"]], "remove": [p.pk for p in proposal["remove"]]}
        for name in ("add", "remove"):
            if not proposal[name]:
                del self.fields[name]


class EditionForm(ModelForm):
    class Meta:
        model = EditionTransition
        fields = ["done_on", "note"]
