"""Writes to quality objectives and their measurements. Each keeps the objective's result for the year current."""
import copy
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff, snapshot
from isogov.core.db import lock, unique_errors
from isogov.core.text import clean_text
from isogov.objectives.models import (
    Measurement,
    Objective,
    Source,
    Unit,
    period_label,
    period_problem,
)
from isogov.objectives.onestop import OnestopResult, on_time_rate
from isogov.registry.models import Agency

OBJECTIVE_FIELDS = ("year", "title", "comparator", "target", "unit", "period", "owner", "note")


def _check_others(objective: Objective, *, before: Objective | None = None) -> None:
    """The rules that look past the objective itself: one title per agency and year (whatever its case; the
    caller holds the agency's lock), and a year or period that no longer changes once measured."""
    errors: dict[str, list[str]] = {}
    measured = before is not None and before.measurements.exists()
    if measured and objective.period != before.period:
        errors["period"] = [_("This objective already has measurements: delete them before changing the period.")]
    if measured and objective.year != before.year:
        errors["year"] = [_("This objective already has measurements: delete them before changing the year.")]
    same = Objective.objects.filter(agency=objective.agency, year=objective.year, title__iexact=objective.title)
    if "year" not in errors and same.exclude(pk=objective.pk).exists():
        errors["title"] = [_("This agency already has this objective for %(year)s.") % {"year": objective.year}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def objective_create(*, agency: Agency, actor, year: int, title: str, comparator: str, target: Decimal,
                     unit: str, period: str, owner: str = "", note: str = "") -> Objective:
    objective = Objective(agency=agency, created_by=actor, year=year, title=title, comparator=comparator,
                          target=target, unit=unit, period=period, owner=owner, note=note)
    objective.full_clean()
    lock(agency)  # one title per agency and year, checked whatever its case
    _check_others(objective)
    objective.save()
    audit_record(actor=actor, action=Action.CREATE, obj=objective, agency=agency,
                 changes=snapshot(objective, OBJECTIVE_FIELDS))
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, actor, year: int, title: str, comparator: str, target: Decimal,
                     unit: str, period: str, owner: str = "", note: str = "") -> Objective:
    lock(objective.agency)
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    before = snapshot(objective, OBJECTIVE_FIELDS)
    was = copy.copy(objective)
    objective.year, objective.title, objective.comparator, objective.target = year, title, comparator, target
    objective.unit, objective.period, objective.owner, objective.note = unit, period, owner, note
    objective.full_clean()
    _check_others(objective, before=was)
    changes = diff(before, snapshot(objective, OBJECTIVE_FIELDS))
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
                 changes=snapshot(objective, OBJECTIVE_FIELDS))
    objective.delete()


def _lock(objective: Objective) -> None:
    # One writer per objective at a time: a period is measured once, and the year's result is recomputed
    # from every measurement, including the one another request is recording.
    Objective.objects.select_for_update().filter(pk=objective.pk).first()


@transaction.atomic
def measurement_record(*, objective: Objective, actor, period_index: int, value: Decimal,
                       note: str = "") -> Measurement:
    """Type in the value of one period; a period measured before gets the new value (the trail keeps the old)."""
    typed = Measurement(objective=objective, period_index=period_index, value=value, note=note,
                        source=Source.TYPED, recorded_by=actor)
    # The period is measured again when it was before (below), so the unique period is not an error here.
    typed.full_clean(validate_constraints=False)
    note = typed.note
    _lock(objective)
    existing = Measurement.objects.select_for_update().filter(objective=objective, period_index=period_index).first()
    if existing is None:
        with unique_errors(Measurement, {"unique_measurement_period": ("period_index", _(
                "A value for this period was recorded at the same moment by someone else: look at it and save "
                "again."))}):
            typed.save()
        measurement = typed
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
        if problem := period_problem(objective, index, today):
            errors.append(f"{period_label(objective.period, index)}: {problem}")
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
