"""Quality objectives (ISO 9001:2015, 6.2): measurable targets per agency and year, measured period by period."""
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency

MIN_YEAR, MAX_YEAR = 2000, 2100


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"


class Unit(models.TextChoices):
    PERCENT = "percent", "%"
    DAYS = "days", _("days")
    COUNT = "count", _("count")


class Period(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


PERIODS_PER_YEAR = {Period.MONTHLY: 12, Period.QUARTERLY: 4, Period.YEARLY: 1}


class Source(models.TextChoices):
    TYPED = "typed", _("Typed in")
    IMPORTED = "imported", _("Imported from one-stop-shop records")


class Objective(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="objectives")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(MIN_YEAR),
                                                                   MaxValueValidator(MAX_YEAR)])
    title = models.CharField(_("metric"), max_length=300)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices,
                                  default=Comparator.AT_LEAST)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.PERCENT)
    period = models.CharField(_("measured"), max_length=10, choices=Period.choices, default=Period.MONTHLY)
    owner = models.CharField(_("responsible"), max_length=150, blank=True)
    note = models.CharField(_("how it is measured"), max_length=500, blank=True)
    # Kept by the services whenever a measurement changes, so that lists and the compliance card read
    # the year's result with one aggregate query instead of recomputing it from every measurement.
    year_value = models.DecimalField(_("value for the year"), max_digits=14, decimal_places=2, null=True, blank=True,
                                     editable=False)
    year_achieved = models.BooleanField(_("achieved for the year"), null=True, blank=True, editable=False)
    periods_measured = models.PositiveSmallIntegerField(default=0, editable=False)
    periods_achieved = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        indexes = [models.Index(fields=["agency", "year"])]
        verbose_name = _("quality objective")
        verbose_name_plural = _("quality objectives")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_comparator_display()} {self.target_display})"

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.period]

    @property
    def target_display(self) -> str:
        return format_value(self.target, self.unit)

    def meets(self, value: Decimal) -> bool:
        return value >= self.target if self.comparator == Comparator.AT_LEAST else value <= self.target

    def clean(self):
        if self.unit == Unit.PERCENT and self.target is not None and self.target > 100:
            raise ValidationError({"target": _("A percentage target cannot be above 100.")})


class Measurement(Validated):
    """The objective's value for one period: month 1–12, quarter 1–4, or 1 for a yearly objective."""

    objective = models.ForeignKey(Objective, verbose_name=_("quality objective"), on_delete=models.CASCADE,
                                  related_name="measurements")
    period_index = models.PositiveSmallIntegerField(_("period"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.TYPED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # For imported on-time rates: files on time and files counted, overall and per procedure code.
    on_time = models.PositiveIntegerField(_("Files processed on time"), null=True, blank=True)
    counted = models.PositiveIntegerField(_("Counted"), null=True, blank=True)
    breakdown = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["objective", "period_index"]
        constraints = [models.UniqueConstraint(fields=["objective", "period_index"], name="unique_measurement_period")]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{period_label(self.objective.period, self.period_index)}: {self.value}"

    def clean(self):
        if not self.objective_id:
            return
        errors = {}
        if problem := period_problem(self.objective, self.period_index, timezone.localdate()):
            errors["period_index"] = problem
        if self.objective.unit == Unit.PERCENT and self.value is not None and self.value > 100:
            errors["value"] = _("A percentage cannot be above 100.")
        if errors:
            raise ValidationError(errors)


def period_start(year: int, period: str, index: int) -> dt.date:
    if period == Period.MONTHLY:
        return dt.date(year, index, 1)
    if period == Period.QUARTERLY:
        return dt.date(year, 3 * (index - 1) + 1, 1)
    return dt.date(year, 1, 1)


def period_problem(objective: Objective, index: int | None, today: dt.date) -> str:
    """Why `index` cannot be measured today: not a period of the objective's year, or one not begun yet."""
    if index is None or not 1 <= index <= PERIODS_PER_YEAR[objective.period]:
        return _("Choose a period of the year.")
    if period_start(objective.year, objective.period, index) > today:
        return _("This period has not begun yet.")
    return ""


def format_value(value: Decimal | None, unit: str) -> str:
    """98.50 → "98,5 %": the Vietnamese decimal comma, no useless zeros."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    text = text.replace(".", ",")
    if unit == Unit.PERCENT:
        return f"{text} %"
    if unit == Unit.DAYS:
        return f"{text} {Unit.DAYS.label}"
    return text  # a count reads best bare: "≤ 2"


def period_label(period: str, index: int) -> str:
    if period == Period.MONTHLY:
        return _("Month %(n)s") % {"n": index}
    if period == Period.QUARTERLY:
        return _("Quarter %(n)s") % {"n": index}
    return str(_("Year"))


class Dossier(models.Model):
    """One file (hồ sơ) of an administrative procedure as the agency's one-stop-shop system reports it
    (pushed through the API: objectives/apis_onestop.py). The on-time rates are counted from these rows by the
    same rules as a one-stop-shop export (onestop.count)."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="dossiers")
    number = models.CharField(_("number"), max_length=64)
    procedure = models.CharField(_("Procedure code"), max_length=40)
    received = models.DateField(_("received on"), validators=[plausible_date])
    due = models.DateField(_("due date"), validators=[plausible_date])
    done = models.DateField(_("done on"), null=True, blank=True, validators=[plausible_date])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("one-stop-shop dossier")
        verbose_name_plural = _("one-stop-shop dossiers")
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="unique_dossier_number")]

    def __str__(self) -> str:
        return self.number
