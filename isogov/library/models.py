"""The province's template library: framework-model documents (Decision 101/QĐ-BKHCN, 2019) that agencies adopt.

The programme lead publishes a template (the quality manual, the policy and objectives, a procedure per TTHC) in
versions; a version's content is its sections, in the framework model's layout. An agency adopts a template into
its own document register (documents app) as a draft; the Adoption row remembers which template and version the
document came from, so a newer version reaches exactly the agencies that adopted it.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.documents.models import Document, DocumentKind
from isogov.qms.models import Procedure
from isogov.registry.models import Agency, AgencyKind


class TemplateKind(models.TextChoices):
    MANUAL = "manual", _("Quality manual")
    POLICY = "policy", _("Quality policy and objectives")
    PROCEDURE = "procedure", _("Internal procedure")
    PROCESS = "process", _("Process of an administrative procedure")


# The register's kind of the document an adoption makes (the register has no "manual" kind of its own).
DOCUMENT_KIND = {
    TemplateKind.MANUAL: DocumentKind.OTHER,
    TemplateKind.POLICY: DocumentKind.QUALITY_POLICY,
    TemplateKind.PROCEDURE: DocumentKind.PROCEDURE,
    TemplateKind.PROCESS: DocumentKind.PROCESS,
}


def kinds_value(kinds) -> str:
    """Agency kinds stored as ",ubnd_xa,so_nganh,": one LIKE finds the templates of a kind on every database."""
    return "," + ",".join(sorted(set(kinds))) + "," if kinds else ""


class Template(Validated):
    kind = models.CharField(_("kind"), max_length=16, choices=TemplateKind.choices, db_index=True)
    agency_kinds = models.CharField(_("for agencies of kind"), max_length=120, editable=False)
    procedure = models.ForeignKey(Procedure, verbose_name=_("administrative procedure"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="templates")
    code = models.CharField(_("code"), max_length=40, unique=True,
                            error_messages={"unique": _("A template with this code already exists.")})
    title = models.CharField(_("title"), max_length=300)
    # The newest version, kept by the services: "behind" and "late" are then one join in SQL.
    latest = models.ForeignKey("TemplateVersion", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("template")
        verbose_name_plural = _("templates")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def kind_list(self) -> list[str]:
        return [k for k in self.agency_kinds.split(",") if k]

    def agency_kind_labels(self) -> list[str]:
        labels = dict(AgencyKind.choices)
        return [str(labels.get(k, k)) for k in self.kind_list]

    def clean(self):
        errors = {}
        if self.kind == TemplateKind.PROCESS and self.procedure_id is None:
            errors["procedure"] = [_("A process template is written for one administrative procedure: choose it.")]
        if self.kind != TemplateKind.PROCESS and self.procedure_id is not None:
            errors["procedure"] = [_("Only a process template is linked to an administrative procedure.")]
        if errors:
            raise ValidationError(errors)


class TemplateVersion(Validated):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), editable=False)
    published_on = models.DateField(_("published on"), editable=False)
    # The framework model's sections (rules.SECTIONS says which a kind of template shows, and in which order).
    purpose = models.TextField(_("1. Purpose"), blank=True)
    scope = models.TextField(_("2. Scope"), blank=True)
    references = models.TextField(_("3. References"), blank=True)
    definitions = models.TextField(_("4. Definitions and abbreviations"), blank=True)
    body = models.TextField(_("Content"), blank=True)
    steps = models.TextField(_("5. Steps"), blank=True, help_text=_(
        "One step a line: step | what is done | who | when | records, separated by |."))
    forms = models.TextField(_("6. Forms"), blank=True)
    records = models.TextField(_("7. Records to keep"), blank=True)
    why = models.TextField(_("why this version"), blank=True)
    legal_basis = models.CharField(_("legal text behind the change"), max_length=300, blank=True, help_text=_(
        "When the change brings in a legal text, e.g. Nghị định 118/2025/NĐ-CP: agencies then have "
        "the legal deadline."))
    # published_on + the months of rules.update_months(), stored so that "late" is counted in SQL.
    due_on = models.DateField(_("agencies bring it in by"), editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="unique_template_version")]

    def __str__(self) -> str:
        return f"{self.template.code} v{self.label}"

    @property
    def label(self) -> str:
        return f"{self.number:02d}"

    def clean(self):
        if self.number and self.number >= 2 and not self.why:
            raise ValidationError({"why": [_("Say why this version was made (required from version 02 on).")]})


class Adoption(Validated):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="template_adoptions")
    template = models.ForeignKey(Template, verbose_name=_("template"), on_delete=models.PROTECT,
                                 related_name="adoptions")
    # The template version the agency's document now follows: the one adopted, then each one brought in.
    version = models.ForeignKey(TemplateVersion, verbose_name=_("template version"), on_delete=models.PROTECT,
                                related_name="adoptions", editable=False)
    # Null only inside the adoption's own transaction: the row is written first, so that two adoptions at once
    # meet on the unique rule before either makes a document (services.template_adopt).
    document = models.OneToOneField(Document, verbose_name=_("document"), null=True, on_delete=models.PROTECT,
                                    related_name="adoption", editable=False)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    adopted_at = models.DateTimeField(editable=False)
    updated_on = models.DateField(_("last update brought in on"), null=True, blank=True, editable=False)
    update_note = models.TextField(_("how the update was handled"), blank=True)

    class Meta:
        ordering = ["agency__code", "template__code"]
        verbose_name = _("template adoption")
        verbose_name_plural = _("template adoptions")
        constraints = [models.UniqueConstraint(fields=["agency", "template"], name="unique_template_adoption")]

    def __str__(self) -> str:
        return f"{self.agency.code} · {self.template.code}"
