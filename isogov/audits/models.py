"""Internal audits (ISO 9001:2015, 9.2): an annual programme per agency, each audit with its team,
the areas it audits, a checklist built from the clause library, and graded findings.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency

FIRST_PROGRAMME_YEAR = 2000  # the message below names it
PROGRAMME_YEARS_AHEAD = 2
MONTHS = [(m, f"{m:02d}") for m in range(1, 13)]


def plausible_programme_year(value: int) -> None:
    """An audit programme is for a year from 2000 to two years ahead: it is planned, not kept for later."""
    last = timezone.localdate().year + PROGRAMME_YEARS_AHEAD
    if value is not None and not FIRST_PROGRAMME_YEAR <= value <= last:
        raise ValidationError(_("Give a year between 2000 and %(max)s.") % {"max": last}, code="year")


class AuditProgramme(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="audit_programmes")
    year = models.PositiveSmallIntegerField(_("year"), validators=[plausible_programme_year])
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("internal audit programme")
        verbose_name_plural = _("internal audit programmes")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_audit_programme_year")]

    def __str__(self) -> str:
        return f"{self.year}"


class AuditState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported (closed)")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_AUDIT_STATES = (AuditState.PLANNED, AuditState.IN_PROGRESS)


class Audit(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="audits")
    programme = models.ForeignKey(AuditProgramme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="audits")
    title = models.CharField(_("title"), max_length=200)
    planned_month = models.PositiveSmallIntegerField(_("planned month"), choices=MONTHS)
    scope = models.TextField(_("scope"))
    framework = models.ForeignKey("clauses.Framework", verbose_name=_("framework"), on_delete=models.PROTECT,
                                  related_name="+")
    procedures = models.ManyToManyField("qms.Procedure", verbose_name=_("procedures audited"), blank=True,
                                        related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=AuditState.choices, default=AuditState.PLANNED,
                             db_index=True)
    audit_date = models.DateField(_("audit date"), null=True, blank=True, validators=[plausible_date])
    reported_on = models.DateField(_("report date"), null=True, blank=True, validators=[plausible_date])
    summary = models.TextField(_("conclusion"), blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # The dated fact the QMS lifecycle and the compliance card read; written when the report is issued.
    fact = models.OneToOneField("qms.QmsFact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-programme__year", "planned_month", "id"]
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        indexes = [models.Index(fields=["agency", "state", "reported_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:detail", args=[self.agency.code, self.pk])

    def clean(self):
        # What each state needs written down; when a step may be taken at all is rules.py's.
        errors = {}
        if self.state in (AuditState.IN_PROGRESS, AuditState.REPORTED):
            if self.audit_date is None:
                errors["audit_date"] = _("The audit date is required.")
            elif self.state == AuditState.IN_PROGRESS and self.audit_date > timezone.localdate():
                errors["audit_date"] = _("An audit starts on the day it is carried out, not before.")
        if self.state == AuditState.REPORTED:
            if self.reported_on is None:
                errors["reported_on"] = _("The report date is required.")
            if not self.summary:
                errors["summary"] = _("Write the audit's conclusion.")
        if self.state == AuditState.CANCELLED and not self.cancel_reason:
            errors["cancel_reason"] = _("Say why the audit is cancelled.")
        if errors:
            raise ValidationError(errors)


class Auditor(Validated):
    """A member of the audit team: an account, or just a name for someone without one."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    name = models.CharField(_("name"), max_length=150)
    is_lead = models.BooleanField(_("lead auditor"), default=False)

    class Meta:
        ordering = ["-is_lead", "name"]
        verbose_name = _("auditor")
        verbose_name_plural = _("auditors")

    def __str__(self) -> str:
        return self.name


class AuditArea(Validated):
    """A department or process audited, and who owns it (an auditor may not audit their own work)."""

    audit = models.ForeignKey(Audit, verbose_name=_("internal audit"), on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("department or process"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # Blank when the owner is an account: clean() takes the account's name.
    owner_name = models.CharField(_("owner"), max_length=150, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audited area")
        verbose_name_plural = _("audited areas")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if not self.owner_name and self.owner is not None:
            self.owner_name = (self.owner.full_name or self.owner.get_username())[:150]
        if not self.owner_name:
            raise ValidationError({"owner": _("Name the owner of this department or process.")})


class Result(models.TextChoices):
    NOT_CHECKED = "not_checked", _("Not checked")
    CONFORM = "conform", _("Conforms")
    NONCONFORM = "nonconform", _("Does not conform")


class ChecklistItem(Validated):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="checklist")
    clause = models.ForeignKey("clauses.Clause", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, default=Result.NOT_CHECKED)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["clause__position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["audit", "clause"], name="unique_checklist_clause")]

    def __str__(self) -> str:
        return self.clause.number


class Grade(models.TextChoices):
    MAJOR = "major", _("Major nonconformity")
    MINOR = "minor", _("Minor nonconformity")
    OBSERVATION = "observation", _("Observation")
    GOOD_PRACTICE = "good_practice", _("Good practice")


NONCONFORMITY_GRADES = (Grade.MAJOR, Grade.MINOR)


class Finding(Validated):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    clause = models.ForeignKey("clauses.Clause", verbose_name=_("clause"), on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(AuditArea, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="findings")
    description = models.TextField(_("finding"))
    # Opened by itself when the report is issued, for major and minor nonconformities.
    nonconformity = models.OneToOneField("capa.Nonconformity", verbose_name=_("nonconformity"), null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="audit_finding", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")

    def __str__(self) -> str:
        return f"{self.audit.title} — {self.get_grade_display()} ({self.clause.number})"

    def get_absolute_url(self) -> str:
        return f"{self.audit.get_absolute_url()}#finding-{self.pk}"

    def clean(self):
        errors = {}
        if self.clause_id and self.audit_id and self.clause.framework_id != self.audit.framework_id:
            errors["clause"] = _("Choose a clause of %(framework)s.") % {"framework": self.audit.framework}
        if self.area_id and self.area.audit_id != self.audit_id:
            errors["area"] = _("This area is not part of the audit.")
        if errors:
            raise ValidationError(errors)
