"""Documented information (ISO 9001:2015 clause 7.5): an agency's register of documents and their versions.

A document is the register entry (code, title, kind, owner, clauses; for a legal text its number and
dates). Its content lives in versions, which go draft → in review → approved → published, and end
superseded (a newer version was published) or withdrawn. The database itself guarantees one
published version and one version in progress per document.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from isogov.clauses.models import Clause
from isogov.core.models import Validated
from isogov.core.text import fold
from isogov.core.validators import plausible_date
from isogov.documents import legal
from isogov.qms.models import Procedure, not_in_future
from isogov.registry.models import Agency


class DocumentKind(models.TextChoices):
    QUALITY_POLICY = "quality_policy", _("Quality policy")
    QUALITY_OBJECTIVES = "quality_objectives", _("Quality objectives")
    SCOPE = "scope", _("Scope of the QMS")
    PROCEDURE = "procedure", _("Internal procedure")
    PROCESS = "process", _("Internal process (administrative procedure)")
    FORM = "form", _("Form")
    EXTERNAL = "external", _("External document (legal text)")
    OTHER = "other", _("Other")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A version in one of these states is "in progress": at most one per document.
IN_PROGRESS = (VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED)


LEGAL_FIELDS = ("issuing_body", "legal_number", "legal_effective_on", "incorporated_on")


def search_text(*, code: str, title: str, legal_number: str = "", issuing_body: str = "") -> str:
    return fold(" ".join(part for part in (code, title, legal_number, issuing_body) if part))[:500]


class Document(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, db_index=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("administrative procedure"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="documents", help_text=_("For an internal process: the procedure of the agency's scope it carries "
                                              "out."),
    )
    owner_name = models.CharField(_("owner (person or department)"), max_length=150, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner (account)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("clauses"), blank=True, related_name="documents")
    # Legal texts (kind "external") only.
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True,
                                    help_text=_("Legal texts only, e.g. Chính phủ, UBND tỉnh."))
    legal_number = models.CharField(_("number"), max_length=64, blank=True, help_text=_("Legal texts only."))
    legal_effective_on = models.DateField(_("effective date"), null=True, blank=True, validators=[plausible_date],
                                          help_text=_("Legal texts only: the day the text takes effect."))
    incorporated_on = models.DateField(_("brought into the QMS on"), null=True, blank=True, validators=[plausible_date],
                                       help_text=_("Legal texts only: the day processes and forms were updated."))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True,
                                   validators=[plausible_date],
                                   help_text=_("The day the document was last reviewed and found still suitable."))
    # Effective date + ISOGOV["LEGAL_UPDATE_MONTHS"], kept by the services so that pending, overdue and
    # late texts are counted in SQL (month arithmetic differs between databases).
    legal_due_on = models.DateField(_("to be brought in by"), null=True, blank=True, editable=False)
    # Folded code, title and legal number: search ignores case and diacritics on every database.
    search_text = models.CharField(max_length=500, db_index=True, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unique_document_code"),
            # One internal process per administrative procedure of an agency.
            models.UniqueConstraint(fields=["agency", "procedure"], condition=Q(procedure__isnull=False),
                                    name="unique_document_procedure"),
        ]
        indexes = [models.Index(fields=["agency", "kind"]),
                   models.Index(fields=["kind", "legal_effective_on", "incorporated_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self):
        # Rules among this document's own fields; the code and the process against the agency's other
        # documents and its scope are the services' (documents.services).
        errors: dict[str, list[str]] = {}
        if not self.owner_name and self.owner_user_id is None:
            errors["owner_name"] = [_("Name the owner: a person or a department, or choose an account.")]
        if self.owner_user_id is not None and self.agency_id is not None \
                and self.owner_user.agency_id != self.agency_id:
            errors["owner_user"] = [_("The owner's account must belong to this agency.")]
        if self.procedure_id is not None and self.kind != DocumentKind.PROCESS:
            errors["procedure"] = [_("Only an internal process is linked to an administrative procedure.")]
        errors |= not_in_future(self, "reviewed_on", message=_("This date cannot be in the future."))
        if self.kind == DocumentKind.EXTERNAL:
            if not self.legal_number:
                errors["legal_number"] = [_("A legal text needs its number, e.g. 61/2018/NĐ-CP.")]
            if self.legal_effective_on is None:
                errors["legal_effective_on"] = [_("A legal text needs the date it takes effect.")]
            errors |= not_in_future(self, "incorporated_on", message=_("This date cannot be in the future."))
        elif self.kind in DocumentKind.values:
            for name in LEGAL_FIELDS:
                if getattr(self, name):
                    errors[name] = [_("Only an external document (legal text) has this detail.")]
        self.legal_due_on = legal.due_on(self.legal_effective_on)
        self.search_text = search_text(code=self.code, title=self.title, legal_number=self.legal_number,
                                       issuing_body=self.issuing_body)
        if errors:
            raise ValidationError(errors)


def version_upload_to(instance: "Version", filename: str) -> str:
    doc = instance.document
    return (f"documents/{get_valid_filename(doc.agency.code)}/{doc.pk}/"
            f"v{instance.number:02d}/{get_valid_filename(filename)}")


class Version(Validated):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), editable=False)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT, db_index=True)
    change_summary = models.TextField(_("what changed"), blank=True)
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=300, blank=True)
    # What the file is, as uploaded and as sniffed (pdf, docx, png…): set from the checked upload.
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    file_type = models.CharField(_("file type"), max_length=8, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    effective_on = models.DateField(_("effective from"), null=True, blank=True, validators=[plausible_date])
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)
    # Who took each step and when: the workflow (documents.versioning) sets them.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                 editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)  # superseded or withdrawn

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number"),
            models.UniqueConstraint(fields=["document"], condition=Q(status="published"),
                                    name="one_published_version"),
            models.UniqueConstraint(fields=["document"], condition=Q(status__in=["draft", "in_review", "approved"]),
                                    name="one_version_in_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} v{self.label}"

    def clean(self):
        if self.number and self.number >= 2 and not self.change_summary:
            raise ValidationError({"change_summary": [
                _("Say what changes in this version (required from version 02 on).")]})

    @property
    def label(self) -> str:
        # Vietnamese document control writes editions as "01", "02" (lần ban hành).
        return f"{self.number:02d}"

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS
