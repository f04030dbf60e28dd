import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from isogov.clauses.models import Clause
from isogov.core.forms import DateField
from isogov.documents.files import ACCEPT_ATTR
from isogov.documents.models import DocumentKind
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


class DocumentForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, widget=forms.TextInput(attrs={"placeholder": "QT-01"}))
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    owner_name = forms.CharField(label=_("Owner (person or department)"), max_length=150, required=False)
    owner_user = forms.ModelChoiceField(label=_("Owner (account)"), queryset=None, required=False,
                                        to_field_name="username")
    procedure = ProcedureChoiceField(
        label=_("Administrative procedure"), queryset=None, required=False, to_field_name="code",
        help_text=_("For an internal process: the procedure of the agency's scope it carries out."))
    clauses = ClauseNumbersField(label=_("ISO 9001:2015 clauses"), required=False,
                                 widget=forms.TextInput(attrs={"placeholder": "4.3, 7.5"}),
                                 help_text=_("Clause numbers separated by commas."))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200, required=False,
                                   help_text=_("Legal texts only, e.g. Chính phủ, UBND tỉnh."))
    legal_number = forms.CharField(label=_("Number"), max_length=64, required=False,
                                   widget=forms.TextInput(attrs={"placeholder": "61/2018/NĐ-CP"}),
                                   help_text=_("Legal texts only."))
    legal_effective_on = DateField(label=_("Effective date"), required=False, widget=DATE_WIDGET,
                                   help_text=_("Legal texts only: the day the text takes effect."))
    incorporated_on = DateField(label=_("Brought into the QMS on"), required=False, widget=DATE_WIDGET,
                                help_text=_("Legal texts only: the day processes and forms were updated."))

    def __init__(self, *args, agency: Agency, with_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = owner_choices(agency)
        current = (self.initial or {}).get("procedure")
        in_scope = Procedure.objects.filter(scope_items__agency=agency)
        if current:
            in_scope = in_scope | Procedure.objects.filter(code=current)
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


class IncorporateForm(forms.Form):
    incorporated_on = DateField(label=_("Brought into the QMS on"), widget=DATE_WIDGET)
