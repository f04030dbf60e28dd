from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from isogov.library import rules
from isogov.library.models import TemplateKind, TemplateVersion
from isogov.qms.models import Procedure
from isogov.registry.models import AgencyKind


def _section(name: str) -> forms.CharField:
    field = TemplateVersion._meta.get_field(name)
    return forms.CharField(label=field.verbose_name, help_text=field.help_text, required=False,
                           widget=forms.Textarea(attrs={"rows": 8 if name in ("steps", "body") else 3}))


class SectionsForm(forms.Form):
    """A version's content: its sections, why it was made and the legal text behind it."""

    def __init__(self, *args, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in rules.sections_of(kind) if kind else rules.ALL_SECTIONS:
            self.fields[name] = _section(name)
        self.fields["why"] = forms.CharField(label=_("Why this version"), required=kind is not None,
                                             widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["legal_basis"] = forms.CharField(
            label=capfirst(TemplateVersion._meta.get_field("legal_basis").verbose_name), required=False, max_length=300,
            help_text=TemplateVersion._meta.get_field("legal_basis").help_text)

    def service_args(self) -> dict:
        data = self.cleaned_data
        return {"sections": {name: data[name] for name in rules.ALL_SECTIONS if name in data},
                "why": data["why"], "legal_basis": data["legal_basis"]}


class TemplateForm(SectionsForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=TemplateKind.choices)
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("e.g. QT-HT-01"))
    title = forms.CharField(label=_("Title"), max_length=300)
    agency_kinds = forms.MultipleChoiceField(label=_("For agencies of kind"), choices=AgencyKind.choices,
                                             widget=forms.CheckboxSelectMultiple)
    procedure_code = forms.CharField(label=_("Administrative procedure (national code)"), max_length=40,
                                     required=False, help_text=_("Process templates only, e.g. 1.001193."))

    field_order = ["kind", "code", "title", "agency_kinds", "procedure_code"]

    def clean_procedure_code(self):
        code = self.cleaned_data["procedure_code"].strip()
        if not code:
            return None
        procedure = Procedure.objects.filter(code=code).first()
        if procedure is None:
            raise forms.ValidationError(_("No administrative procedure has the code %(code)s.") % {"code": code})
        return procedure

    def service_args(self) -> dict:
        data = self.cleaned_data
        return {**super().service_args(), "kind": data["kind"], "code": data["code"], "title": data["title"],
                "agency_kinds": data["agency_kinds"], "procedure": data["procedure_code"]}


class AdoptForm(forms.Form):
    code = forms.CharField(label=_("Code of your document"), max_length=40)
    owner_name = forms.CharField(label=_("Owner (person or department)"), max_length=150)


class HandledForm(forms.Form):
    note = forms.CharField(label=_("How the update was brought in"), widget=forms.Textarea(attrs={"rows": 3}))
