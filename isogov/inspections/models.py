"""Inspection and supervision (activity 4; Circular 26/2014/TT-BKHCN, art. 33–40).

Each year one plan (form Mẫu 19 KHKT) lists the agencies inspected on site; every other mandatory agency is
checked on its records. An on-site inspection has its decision (Mẫu 20 QĐKT), its checklist answered point by
point, its findings and its record (biên bản, Mẫu 21 BBKT), signed and uploaded as a scan.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date, plausible_plan_date
from isogov.registry.models import Agency


class InspectorProfile(Validated):
    """An inspector's qualifications (art. 40); the team leader must hold all of them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_profile")
    degree = models.CharField(_("university degree"), max_length=200, blank=True)
    state_management_certificate = models.CharField(_("state management certificate"), max_length=200, blank=True)
    auditor_certificate = models.CharField(_("QMS auditor certificate"), max_length=200, blank=True)
    working_since = models.DateField(_("working in the field since"), null=True, blank=True,
                                     validators=[plausible_date])

    class Meta:
        verbose_name = _("inspector's qualifications")
        verbose_name_plural = _("inspectors' qualifications")

    def __str__(self) -> str:
        return str(self.user)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class InspectionPlan(Validated):
    year = models.PositiveSmallIntegerField(_("year"), unique=True, error_messages={
        "unique": _("There is already an inspection plan for this year.")})
    inspecting_unit = models.CharField(_("inspecting unit"), max_length=255)
    period_start = models.DateField(_("from"), validators=[plausible_plan_date])
    period_end = models.DateField(_("to"), validators=[plausible_plan_date])
    form = models.CharField(_("form of inspection"), max_length=300,
                            default=_("On site for the agencies listed; on records and reports for the others"))
    budget = models.PositiveBigIntegerField(_("budget (đồng)"), default=0)
    budget_line = models.ForeignKey("programme.BudgetLine", verbose_name=_("budget line of the programme"),
                                    null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    onsite_target = models.PositiveSmallIntegerField(_("agencies to inspect on site"))
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("team leader"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="+")
    onsite = models.ManyToManyField(Agency, verbose_name=_("agencies inspected on site"), blank=True,
                                    related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              editable=False)
    decision_number = models.CharField(_("approving decision"), max_length=64, blank=True)
    decision_date = models.DateField(_("approved on"), null=True, blank=True, validators=[plausible_date])
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)

    class Meta:
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                              name="inspection_plan_period_in_order")]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self) -> str:
        return _("Inspection plan %(year)s") % {"year": self.year}

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.year and self.period_start and self.period_start.year != self.year:
            errors["period_start"] = _("The period lies in the plan's year.")
        if errors:
            from django.core.exceptions import ValidationError

            raise ValidationError(errors)


class Inspection(Validated):
    """The on-site inspection of one agency under the year's plan."""

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("plan"), on_delete=models.PROTECT,
                             related_name="inspections")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="inspections")
    decision_number = models.CharField(_("inspection decision"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision dated"), null=True, blank=True, validators=[plausible_date])
    scheduled_on = models.DateField(_("inspection date"), null=True, blank=True, validators=[plausible_date])
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("team leader"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="+")
    conclusions = models.TextField(_("conclusions"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    record_date = models.DateField(_("record (biên bản) dated"), null=True, blank=True, validators=[plausible_date])
    signed_record = models.FileField(_("signed record (PDF)"), upload_to="inspections/", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)

    class Meta:
        ordering = ["plan", "scheduled_on", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency"], name="one_inspection_per_agency_and_plan")]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return _("Inspection of %(agency)s (%(year)s)") % {"agency": self.agency.name, "year": self.plan.year}


class Result(models.TextChoices):
    CONFORM = "conform", _("Conforms")
    PARTIAL = "partial", _("Partly")
    NONCONFORM = "nonconform", _("Does not conform")
    NOT_APPLICABLE = "na", _("Not applicable")


class Answer(Validated):
    """One checklist point of an inspection, answered from records, interviews and observation."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="answers")
    point = models.CharField(_("checklist point"), max_length=8)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["inspection", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "point"], name="one_answer_per_point")]


def evidence_upload_to(instance: "EvidenceFile", filename: str) -> str:
    return f"inspections/{instance.inspection_id}/{filename}"


class EvidenceFile(Validated):
    """A document seen or copied during the inspection (a record, a photo of the notice board), kept with it."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="files")
    point = models.CharField(_("checklist point"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "point", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.title


class Grade(models.TextChoices):
    MAJOR = "major", _("Major nonconformity")
    MINOR = "minor", _("Minor nonconformity")
    OBSERVATION = "observation", _("Observation")


class Finding(Validated):
    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="findings")
    point = models.CharField(_("checklist point"), max_length=8)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    description = models.TextField(_("finding"))
    # The nonconformity the finding opened in the agency's own corrective action register (none for an observation).
    nonconformity = models.OneToOneField("capa.Nonconformity", verbose_name=_("nonconformity"), null=True,
                                         blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.inspection.agency.code} · {self.point}: {self.description[:80]}"

    @property
    def agency_id(self) -> int:  # the capa area checks that an origin belongs to the agency
        return self.inspection.agency_id


class RecordsResult(models.TextChoices):
    SATISFACTORY = "satisfactory", _("Satisfactory")
    TO_IMPROVE = "to_improve", _("To improve")
    NOT_REPORTED = "not_reported", _("No report received")


class RecordsCheck(Validated):
    """The records-and-reports check of a mandatory agency not inspected on site."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="records_checks")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField(_("checked on"), validators=[plausible_date])
    passed = models.JSONField(_("points satisfied"), default=list, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=RecordsResult.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["plan", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency"], name="one_records_check_per_agency")]
        verbose_name = _("records check")
        verbose_name_plural = _("records checks")
