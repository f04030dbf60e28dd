"""The province's side of the procedures and the legal texts every agency applies.

- A publication decision (quyết định công bố danh mục TTHC) carries the province's list of procedures, imported from
  a spreadsheet: pending until the lead confirms its preview, then applied all at once.
- A catalogue entry says what the province publishes about a procedure (qms.Procedure keeps its code, name and
  field): the level that handles it, the agency kinds that do, the decision that published it, or withdrew it.
- A scope review is an agency's duty after a decision changed the procedures it handles: update its procedure list
  (form Mẫu 2, Circular 26/2014 art. 4) and scope within 5 working days.
- A province legal text is recorded once by the lead and reaches, as an external document of each agency's own
  register (documents.Document), every agency whose scope holds a procedure it affects (LegalNotice links them).
- An edition transition records that an agency's QMS has moved to the next edition of ISO 9001.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.documents.models import Document
from isogov.qms.models import Procedure
from isogov.registry.models import Agency, AgencyKind


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class PublicationState(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    APPLIED = "applied", _("Applied")
    CANCELLED = "cancelled", _("Cancelled")


class Publication(Validated):
    number = models.CharField(_("decision number"), max_length=64)
    decided_on = models.DateField(_("decision date"), validators=[plausible_date])
    filename = models.CharField(_("file"), max_length=255, editable=False)
    # The file's rows as read and checked: [{"row", "code", "name", "field", "level", "kinds"}]. The preview and the
    # confirmation both plan from them against the catalogue as it then is.
    rows = models.JSONField(default=list, editable=False)
    state = models.CharField(_("state"), max_length=16, choices=PublicationState.choices,
                             default=PublicationState.PENDING, editable=False)
    # What applying it did, for the record: {"added": [...], "changed": [...], "removed": [...]}.
    summary = models.JSONField(_("procedures added, changed and withdrawn"), default=dict, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("publication decision")
        verbose_name_plural = _("publication decisions")

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class CatalogueEntry(Validated):
    procedure = models.OneToOneField(Procedure, on_delete=models.PROTECT, related_name="catalogue_entry")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    # registry.AgencyKind values of the agencies that handle the procedure, written ",ubnd_xa,chi_cuc," so that
    # "handled by this kind" is one portable `contains` filter (SQLite has no JSON containment).
    agency_kinds = models.CharField(_("handled by"), max_length=200)
    published_by = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="+")
    withdrawn_by = models.ForeignKey(Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["procedure__field", "procedure__code"]
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")

    def __str__(self) -> str:
        return self.procedure.code

    @property
    def active(self) -> bool:
        return self.withdrawn_by_id is None

    @property
    def kinds(self) -> list[str]:
        return [k for k in self.agency_kinds.split(",") if k]

    @property
    def kind_labels(self) -> list[str]:
        return [str(AgencyKind(k).label) for k in self.kinds if k in AgencyKind.values]


def kinds_text(kinds) -> str:
    return "," + ",".join(sorted(set(kinds))) + ","


class ScopeReview(Validated):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="scope_reviews")
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="scope_reviews")
    added = models.JSONField(_("procedures to add"), default=list)
    removed = models.JSONField(_("procedures withdrawn"), default=list)
    due_on = models.DateField(_("due"), validators=[plausible_date])
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "publication"], name="unique_scope_review")]
        indexes = [models.Index(fields=["agency", "done_on"])]
        verbose_name = _("procedure list update")
        verbose_name_plural = _("procedure list updates")

    def __str__(self) -> str:
        return f"{self.agency.code} / {self.publication.number}"


class LegalText(Validated):
    legal_number = models.CharField(_("number"), max_length=64, unique=True,
                                    error_messages={"unique": _("This legal text is already recorded.")})
    title = models.CharField(_("title"), max_length=300)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    issued_on = models.DateField(_("date issued"), validators=[plausible_date])
    effective_on = models.DateField(_("effective date"), validators=[plausible_date])
    procedures = models.ManyToManyField(Procedure, verbose_name=_("procedures affected"), related_name="legal_texts")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("province legal text")
        verbose_name_plural = _("province legal texts")

    def __str__(self) -> str:
        return f"{self.legal_number} {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": [_("A text takes effect on or after the day it is issued.")]})


class LegalNotice(Validated):
    """A province text as it reached one agency: the external document in that agency's register."""

    legal_text = models.ForeignKey(LegalText, verbose_name=_("province legal text"), on_delete=models.CASCADE,
                                   related_name="notices")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="legal_notices")
    document = models.ForeignKey(Document, verbose_name=_("document in the agency's register"),
                                 on_delete=models.CASCADE, related_name="legal_notices")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__path"]
        constraints = [models.UniqueConstraint(fields=["legal_text", "agency"], name="unique_legal_notice")]
        verbose_name = _("legal text sent to an agency")
        verbose_name_plural = _("legal texts sent to agencies")

    def __str__(self) -> str:
        return f"{self.legal_text.legal_number} → {self.agency.code}"


class EditionTransition(Validated):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="edition_transitions")
    framework_code = models.CharField(_("edition"), max_length=40)
    done_on = models.DateField(_("moved on"), validators=[plausible_date])
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "framework_code"], name="unique_edition_transition")]
        verbose_name = _("edition transition")
        verbose_name_plural = _("edition transitions")

    def __str__(self) -> str:
        return f"{self.agency.code} → {self.framework_code}"
