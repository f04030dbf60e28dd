"""The province's programme: plans approved by a decision, their objectives, activities and budget.

Money is whole đồng. Totals are never stored: a plan's total is the sum of its lines, a line's
disbursed amount the sum of its disbursements.
"""
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date, plausible_plan_date
from isogov.programme.money import DongField, PositiveDongField, format_dong
from isogov.registry.models import Agency, Tier

DEFAULT_FUNDING_SOURCE = "Nguồn sự nghiệp khoa học và công nghệ"
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_PERIOD_YEARS = 10
# Numbers as the plan's document writes them: 1 to 999.
NUMBER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(999)]
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


def default_lead_unit() -> Agency | None:
    return Agency.objects.filter(is_programme_lead=True).order_by("code").first()


def decision_upload_to(instance: "Plan", filename: str) -> str:
    return f"programme/decisions/{filename}"


class Plan(Validated):
    title = models.CharField(_("title"), max_length=400)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS,
                                                help_text=_("The same as the first year for a one-year plan."))
    # Left empty, the agency marked as programme lead (clean()).
    lead_unit = models.ForeignKey(Agency, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+",
                                  blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              editable=False)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, validators=[plausible_date])
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    decision_file = models.FileField(_("signed decision (PDF)"), upload_to=decision_upload_to, max_length=300,
                                     blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # The plan this one was drafted from ("Draft the next plan"); the old plan is never changed by it.
    previous = models.ForeignKey("self", verbose_name=_("drafted from"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="successors", editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_year", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.lead_unit_id is None:
            self.lead_unit = default_lead_unit()
        errors = {}
        if self.lead_unit is None:
            errors["lead_unit"] = _("Choose the lead unit (no agency is marked as the programme lead).")
        start, end = self.start_year, self.end_year
        if isinstance(start, int) and isinstance(end, int):
            if end < start:
                errors["end_year"] = _("The last year cannot come before the first year.")
            elif end - start + 1 > MAX_PERIOD_YEARS:
                errors["end_year"] = _("A plan covers at most %(n)s years.") % {"n": MAX_PERIOD_YEARS}
        if isinstance(self.decision_date, dt.date) and self.decision_date > timezone.localdate():
            errors["decision_date"] = _("The decision date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self) -> str:
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class Metric(models.TextChoices):
    NONE = "", _("Not measured by isogov")
    ANNOUNCED = "announced", _("Share of agencies announced or maintaining their QMS")
    MAINTAINING = "maintaining", _("Share of agencies maintaining their QMS")
    COMPLIANT = "compliant", _("Share of agencies with a green compliance card")
    TRAINED = "trained", _("Share of agencies with enough trained staff")
    SECRETARIES_TRAINED = "secretaries_trained", _("Share of ISO secretaries trained")


class Objective(Validated):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="objectives")
    # Left empty, the next number in the plan (the services give it).
    number = models.PositiveSmallIntegerField(_("number"), blank=True, validators=NUMBER_VALIDATORS)
    title = models.CharField(_("objective"), max_length=500)
    metric = models.CharField(_("measured by"), max_length=32, choices=Metric.choices, blank=True, default="")
    # No tier: the objective covers every tier, and the page shows each tier beside the whole.
    tier = models.ForeignKey(Tier, verbose_name=_("tier"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    mandatory_only = models.BooleanField(_("only agencies that must apply ISO 9001"), default=False)
    target_percent = models.PositiveSmallIntegerField(_("target (%)"), default=100,
                                                      validators=[MaxValueValidator(100)])
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["plan", "number", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


FINISHED_STATUSES = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


class Activity(Validated):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities")
    # Left empty, the next number in the plan (the services give it).
    number = models.PositiveSmallIntegerField(_("number"), blank=True, validators=NUMBER_VALIDATORS)
    title = models.CharField(_("title"), max_length=500)
    lead_unit = models.ForeignKey(Agency, verbose_name=_("lead unit"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(Agency, verbose_name=_("participating agencies"), blank=True,
                                          related_name="programme_activities")
    start_date = models.DateField(_("start date"), validators=[plausible_plan_date])
    end_date = models.DateField(_("end date"), validators=[plausible_plan_date])
    deliverables = models.TextField(_("deliverables"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices,
                              default=ActivityStatus.NOT_STARTED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    notes = models.TextField(_("notes"), blank=True)
    carried_from = models.ForeignKey("self", verbose_name=_("carried over from"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "number", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"

    def clean(self):
        errors: dict[str, list] = {}
        start, end = self.start_date, self.end_date
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                errors["end_date"] = [_("The end date cannot be before the start date.")]
            if self.plan_id is not None:
                first, last = dt.date(self.plan.start_year, 1, 1), dt.date(self.plan.end_year, 12, 31)
                if start < first or end > last:
                    errors.setdefault("end_date" if start >= first else "start_date", []).append(
                        _("The activity must take place within the plan's period (%(period)s).")
                        % {"period": self.plan.period})
        if isinstance(self.progress, int):
            if self.status == ActivityStatus.NOT_STARTED and self.progress > 0:
                errors["progress"] = [_("An activity that has not started is at 0%; choose “In progress”.")]
            elif self.status == ActivityStatus.DONE and self.progress != 100:
                errors["progress"] = [_("A finished activity is at 100%.")]
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today) -> bool:
        return self.end_date < today and self.status not in FINISHED_STATUSES


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"programme/evidence/{instance.activity_id}/{filename}"


class Evidence(Validated):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class BudgetCategory(models.TextChoices):
    # The category decides which legal ceiling, if any, applies (settings ISOGOV["BUDGET_CEILINGS"]).
    CONFERENCE = "conference", _("Conference and communication")
    TRAINING = "training", _("Training")
    MAINTENANCE = "maintenance", _("Maintaining and improving the QMS")
    INSPECTION = "inspection", _("Inspection and supervision")
    PLANNING = "planning", _("Planning and reporting")
    OTHER = "other", _("Other")


class BudgetLine(Validated):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="budget_lines")
    description = models.CharField(_("description"), max_length=500)
    category = models.CharField(_("category"), max_length=16, choices=BudgetCategory.choices,
                                default=BudgetCategory.OTHER,
                                help_text=_("The category decides which legal ceiling applies."))
    funding_source = models.CharField(_("funding source"), max_length=200, default=DEFAULT_FUNDING_SOURCE)
    estimate = PositiveDongField(_("estimate (đồng)"), default=0)
    allocated = PositiveDongField(_("allocated (đồng)"), default=0)
    committed = PositiveDongField(_("committed (đồng)"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    carried_from = models.ForeignKey("self", verbose_name=_("proposed from"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.description

    def clean(self):
        if isinstance(self.committed, int) and isinstance(self.allocated, int) and self.committed > self.allocated:
            raise ValidationError({"committed": _("Committed (%(c)s đ) cannot exceed allocated (%(a)s đ).")
                                   % {"c": format_dong(self.committed), "a": format_dong(self.allocated)}})


class Disbursement(Validated):
    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.CASCADE,
                             related_name="disbursements")
    # Negative for a reversing entry: a mistaken payment is corrected by an entry of its own, never by editing
    # or deleting it, so the history stays whole and the line's disbursed amount is still the plain sum.
    amount = DongField(_("amount (đồng)"))
    date = models.DateField(_("date"), validators=[plausible_date])
    note = models.CharField(_("note"), max_length=500, blank=True)
    reverses = models.ForeignKey("self", verbose_name=_("reverses"), null=True, blank=True,
                                 on_delete=models.RESTRICT, related_name="reversals", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(reverses__isnull=True, amount__gt=0) | models.Q(reverses__isnull=False, amount__lt=0),
            name="disbursement_sign_matches_kind")]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    def __str__(self) -> str:
        return f"{self.amount} ({self.date:%d/%m/%Y})"

    def clean(self):
        if not isinstance(self.date, dt.date):
            return
        if self.date > timezone.localdate():
            raise ValidationError({"date": _("The date cannot be in the future.")})
        if self.reverses is not None and self.date < self.reverses.date:
            raise ValidationError({"date": _("A reversal cannot come before the disbursement it reverses (%(date)s).")
                                   % {"date": self.reverses.date.strftime("%d/%m/%Y")}})
