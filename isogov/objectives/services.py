"""Writes to quality objectives and their measurements. Each keeps the objective's result for the year current."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff
from isogov.core.db import lock, unique_errors
from isogov.core.text import clean_text
from isogov.objectives.models import (
    PERIODS_PER_YEAR,
    Comparator,
    Measurement,
    Objective,
    Period,
    Source,
    Unit,
    period_label,
)
from isogov.objectives.onestop import OnestopResult, on_time_rate
from isogov.registry.models import Agency

OBJECTIVE_FIELDS = ("year", "title", "comparator", "target", "unit", "period", "owner", "note")
MIN_YEAR, MAX_YEAR = 2000, 2100


def _snapshot(objective: Objective) -> dict:
    # The audit trail stores JSON: decimals go in as text ("98.50"), exactly as typed.
    return {f: str(v) if isinstance(v := getattr(objective, f), Decimal) else v for f in OBJECTIVE_FIELDS}


def _clean_objective(values: dict, *, agency: Agency, instance: Objective | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    values = dict(values)
    for name in ("title", "owner", "note"):
        values[name] = clean_text(values.get(name))
    if not values["title"]:
        errors["title"] = [_("Say what is measured.")]
    year = values.get("year")
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = [_("Give a year between %(low)s and %(high)s.") % {"low": MIN_YEAR, "high": MAX_YEAR}]
    if values.get("comparator") not in Comparator.values:
        errors["comparator"] = [_("Choose ≥ or ≤.")]
    if values.get("unit") not in Unit.values:
        errors["unit"] = [_("Choose a unit.")]
    if values.get("period") not in Period.values:
        errors["period"] = [_("Choose how often it is measured.")]
    target = values.get("target")
    if target is None:
        errors["target"] = [_("The target value is required.")]
    elif target < 0:
        errors["target"] = [_("The target cannot be negative.")]
    elif values.get("unit") == Unit.PERCENT and target > 100:
        errors["target"] = [_("A percentage target cannot be above 100.")]
    if instance is not None and values.get("period") != instance.period and instance.measurements.exists():
        errors["period"] = [_("This objective already has measurements: delete them before changing the period.")]
    if instance is not None and values.get("year") != instance.year and instance.measurements.exists():
        errors["year"] = [_("This objective already has measurements: delete them before changing the year.")]
    if values["title"] and year and "year" not in errors:
        same = Objective.objects.filter(agency=agency, year=year, title__iexact=values["title"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors["title"] = [_("This agency already has this objective for %(year)s.") % {"year": year}]
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def objective_create(*, agency: Agency, actor, year: int, title: str, comparator: str, target: Decimal,
                     unit: str, period: str, owner: str = "", note: str = "") -> Objective:
    lock(agency)  # one title per agency and year, checked whatever its case
    values = _clean_objective(dict(year=year, title=title, comparator=comparator, target=target, unit=unit,
                                   period=period, owner=owner, note=note), agency=agency)
    objective = Objective.objects.create(agency=agency, created_by=actor, **values)
    audit_record(actor=actor, action=Action.CREATE, obj=objective, agency=agency, changes=_snapshot(objective))
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, actor, year: int, title: str, comparator: str, target: Decimal,
                     unit: str, period: str, owner: str = "", note: str = "") -> Objective:
    lock(objective.agency)
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    values = _clean_objective(dict(year=year, title=title, comparator=comparator, target=target, unit=unit,
                                   period=period, owner=owner, note=note), agency=objective.agency,
                              instance=objective)
    before = _snapshot(objective)
    for name, value in values.items():
        setattr(objective, name, value)
    changes = diff(before, _snapshot(objective))
    if changes:
        objective.save()
        recompute(objective)
        audit_record(actor=actor, action=Action.UPDATE, obj=objective, agency=objective.agency, changes=changes)
    return objective


@transaction.atomic
def objective_delete(*, objective: Objective, actor) -> None:
    audit_record_many(actor=actor, entries=[
        Entry(Action.DELETE, m, objective.agency, {"objective": objective, "period": m.period_index,
                                                   "value": str(m.value)})
        for m in objective.measurements.all()])
    audit_record(actor=actor, action=Action.DELETE, obj=objective, agency=objective.agency,
                 changes=_snapshot(objective))
    objective.delete()


def _lock(objective: Objective) -> None:
    # One writer per objective at a time: a period is measured once, and the year's result is recomputed
    # from every measurement, including the one another request is recording.
    Objective.objects.select_for_update().filter(pk=objective.pk).first()


def _check_period(objective: Objective, period_index, today: dt.date) -> list[str]:
    if period_index is None or not 1 <= period_index <= PERIODS_PER_YEAR[objective.period]:
        return [_("Choose a period of the year.")]
    if period_start(objective.year, objective.period, period_index) > today:
        return [_("This period has not begun yet.")]
    return []


def _check_value(objective: Objective, value) -> list[str]:
    if value is None:
        return [_("The value is required.")]
    if value < 0:
        return [_("The value cannot be negative.")]
    if objective.unit == Unit.PERCENT and value > 100:
        return [_("A percentage cannot be above 100.")]
    return []


def period_start(year: int, period: str, index: int) -> dt.date:
    if period == Period.MONTHLY:
        return dt.date(year, index, 1)
    if period == Period.QUARTERLY:
        return dt.date(year, 3 * (index - 1) + 1, 1)
    return dt.date(year, 1, 1)


@transaction.atomic
def measurement_record(*, objective: Objective, actor, period_index: int, value: Decimal,
                       note: str = "") -> Measurement:
    """Type in the value of one period; a period measured before gets the new value (the trail keeps the old)."""
    errors = {}
    if problems := _check_period(objective, period_index, timezone.localdate()):
        errors["period_index"] = problems
    if problems := _check_value(objective, value):
        errors["value"] = problems
    if errors:
        raise ValidationError(errors)
    note = clean_text(note)
    _lock(objective)
    existing = Measurement.objects.select_for_update().filter(objective=objective, period_index=period_index).first()
    if existing is None:
        with unique_errors(Measurement, {"unique_measurement_period": ("period_index", _(
                "A value for this period was recorded at the same moment by someone else: look at it and save "
                "again."))}):
            measurement = Measurement.objects.create(objective=objective, period_index=period_index, value=value,
                                                     note=note, source=Source.TYPED, recorded_by=actor)
        audit_record(actor=actor, action=Action.CREATE, obj=measurement, agency=objective.agency,
                     changes={"objective": objective, "period": period_index, "value": str(value), "note": note})
    else:
        before = {"value": str(existing.value), "note": existing.note, "source": existing.source}
        existing.value, existing.note, existing.source, existing.recorded_by = value, note, Source.TYPED, actor
        existing.on_time = existing.counted = None
        existing.breakdown = {}
        existing.save()
        measurement = existing
        audit_record(actor=actor, action=Action.UPDATE, obj=measurement, agency=objective.agency,
                     changes=diff(before, {"value": str(value), "note": note, "source": Source.TYPED}))
    recompute(objective)
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, actor) -> None:
    objective = measurement.objective
    _lock(objective)
    audit_record(actor=actor, action=Action.DELETE, obj=measurement, agency=objective.agency,
                 changes={"objective": objective, "period": measurement.period_index,
                          "value": str(measurement.value)})
    measurement.delete()
    recompute(objective)


@transaction.atomic
def measurements_import(*, objective: Objective, actor, result: OnestopResult) -> list[Measurement]:
    """Record the on-time rate of each period counted in a one-stop-shop file, replacing those periods' values."""
    errors: list[str] = []
    if objective.unit != Unit.PERCENT:
        errors.append(_("An on-time rate is a percentage: choose an objective measured in %."))
    if result.errors:
        errors.extend(str(e) for e in result.errors)
    counted = {i: t for i, t in result.periods.items() if t.counted}
    if not errors and not counted:
        errors.append(_("No file in this export was due or returned in %(year)s.") % {"year": objective.year})
    today = timezone.localdate()
    for index in counted:
        if problems := _check_period(objective, index, today):
            errors.append(f"{period_label(objective.period, index)}: {problems[0]}")
    if errors:
        raise ValidationError({"__all__": errors})
    _lock(objective)
    existing = {m.period_index: m for m in Measurement.objects.select_for_update().filter(objective=objective)}
    note = clean_text(_("Imported from %(file)s") % {"file": result.filename})[:500]
    entries, saved = [], []
    for index, tally in counted.items():
        breakdown = {code: [t.on_time, t.counted] for code, t in result.by_procedure.get(index, {}).items()}
        value = on_time_rate(tally.on_time, tally.counted)
        after = {"value": str(value), "source": Source.IMPORTED, "on_time": tally.on_time, "counted": tally.counted}
        m = existing.get(index)
        if m is None:
            m = Measurement.objects.create(objective=objective, period_index=index, value=value, note=note,
                                           source=Source.IMPORTED, on_time=tally.on_time, counted=tally.counted,
                                           breakdown=breakdown, recorded_by=actor)
            entries.append(Entry(Action.CREATE, m, objective.agency, {"objective": objective, "period": index,
                                                                      **after}, note))
        else:
            before = {"value": str(m.value), "source": m.source, "on_time": m.on_time, "counted": m.counted}
            m.value, m.source, m.note, m.recorded_by = value, Source.IMPORTED, note, actor
            m.on_time, m.counted, m.breakdown = tally.on_time, tally.counted, breakdown
            m.save()
            entries.append(Entry(Action.UPDATE, m, objective.agency, diff(before, after), note))
        saved.append(m)
    audit_record_many(actor=actor, entries=entries)
    recompute(objective)
    return saved


def year_result(objective: Objective, values: list[Decimal]) -> tuple[Decimal | None, bool | None, int]:
    """The year's value is the mean of the periods measured so far; it is achieved when that mean meets the
    target. Returns (value, achieved, periods achieved)."""
    if not values:
        return None, None, 0
    mean = (sum(values) / len(values)).quantize(Decimal("0.01"))
    return mean, objective.meets(mean), sum(1 for v in values if objective.meets(v))


def recompute(objective: Objective) -> None:
    values = list(objective.measurements.values_list("value", flat=True))
    value, achieved, good = year_result(objective, values)
    Objective.objects.filter(pk=objective.pk).update(
        year_value=value, year_achieved=achieved, periods_measured=len(values), periods_achieved=good)
    objective.year_value, objective.year_achieved = value, achieved
    objective.periods_measured, objective.periods_achieved = len(values), good
