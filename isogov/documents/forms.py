import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from isogov.clauses.models import Clause
from isogov.core.forms import DateField, ModelForm
from isogov.documents.files import ACCEPT_ATTR
from isogov.documents.models import Document
from isogov.documents.selectors import owner_choices
from isogov.qms.models import Procedure
from isogov.registry.models import Agency

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
FRAMEWORK = "iso9001-2015"


def _file_field(required: bool = False) -> forms.FileField:
    return forms.FileField(
        label=_("File"), required=required,
        help_text=_("PDF, DOCX, XLSX, DOC, XLS, ODT, PNG or JPEG; checked by its content, not its name."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}),
    )


class ClauseNumbersField(forms.CharField):
    """Clause numbers typed as "4.3, 7.5.2": quicker than ticking boxes among a hundred clauses."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):  # the document's clauses
            return ", ".join(c.number if isinstance(c, Clause) else str(c) for c in value)
        return value

    def clean(self, value):
        value = super().clean(value)
        numbers = list(dict.fromkeys(n for n in re.split(r"[\s,;]+", value or "") if n))
        if not numbers:
            return []
        found = {c.number: c for c in Clause.objects.filter(framework__code=FRAMEWORK, number__in=numbers)}
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise ValidationError(_("No ISO 9001:2015 clause has the number %(numbers)s.")
                                  % {"numbers": ", ".join(unknown)})
        return [found[n] for n in numbers]


class ProcedureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Procedure) -> str:
        return f"{obj.code} — {obj.name}"


class DocumentForm(ModelForm):
    clauses = ClauseNumbersField(label=_("ISO 9001:2015 clauses"), required=False,
                                 widget=forms.TextInput(attrs={"placeholder": "4.3, 7.5"}),
                                 help_text=_("Clause numbers separated by commas."))

    class Meta:
        model = Document
        fields = ["code", "title", "kind", "owner_name", "owner_user", "procedure", "clauses", "issuing_body",
                  "legal_number", "legal_effective_on", "incorporated_on"]
        field_classes = {"procedure": ProcedureChoiceField}
        widgets = {"code": forms.TextInput(attrs={"placeholder": "QT-01"}),
                   "legal_number": forms.TextInput(attrs={"placeholder": "61/2018/NĐ-CP"})}

    def __init__(self, *args, agency: Agency, with_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # People and procedures are posted by username and code.
        self.fields["owner_user"].to_field_name = "username"
        self.fields["owner_user"].queryset = owner_choices(agency)
        self.fields["procedure"].to_field_name = "code"
        # The procedures of the agency's scope, and the one already chosen even if it has left the scope since.
        in_scope = Procedure.objects.filter(scope_items__agency=agency)
        if self.instance.procedure_id:
            in_scope = in_scope | Procedure.objects.filter(pk=self.instance.procedure_id)
        self.fields["procedure"].queryset = in_scope.distinct().order_by("code")
        if with_file:
            self.fields["file"] = _file_field()
            self.fields["file"].label = _("File of version 01")


class VersionForm(forms.Form):
    change_summary = forms.CharField(label=_("What changes in this version"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    file = _file_field()


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=16)
    effective_on = DateField(label=_("In effect from"), required=False, widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ReviewedForm(ModelForm):
    class Meta:
        model = Document
        fields = ["reviewed_on"]


class IncorporateForm(ModelForm):
    class Meta:
        model = Document
        fields = ["incorporated_on"]
