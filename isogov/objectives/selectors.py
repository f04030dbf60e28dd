"""Reads of quality objectives. Callers pass agencies they obtained through the access helper."""
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Prefetch, Q, QuerySet

from isogov.objectives.chart import Chart, line_chart
from isogov.objectives.filters import ObjectiveFilter
from isogov.objectives.models import Measurement, Objective, format_value, period_label
from isogov.registry.models import Agency


@dataclass
class Cell:
    index: int
    label: str
    measurement: Measurement | None = None
    achieved: bool | None = None
    display: str = "—"


@dataclass
class ObjectiveRow:
    objective: Objective
    cells: list[Cell] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def year_display(self) -> str:
        return format_value(self.objective.year_value, self.objective.unit)


def _row(objective: Objective, with_chart: bool) -> ObjectiveRow:
    by_index = {m.period_index: m for m in objective.measurements.all()}
    row = ObjectiveRow(objective)
    for i in range(1, objective.periods_per_year + 1):
        m = by_index.get(i)
        cell = Cell(i, period_label(objective.period, i), m)
        if m is not None:
            cell.achieved = objective.meets(m.value)
            cell.display = format_value(m.value, objective.unit)
        row.cells.append(cell)
    if with_chart:
        row.chart = line_chart(objective, {i: m.value for i, m in by_index.items()})
    return row


def agency_objectives(*, agency: Agency, data, current: int) -> ObjectiveFilter:
    """The agency's objectives of the year the query `data` asks for (`current` when none), each with every
    period's measurement: `.year_shown` and `.form` to show, `.qs` for `rows`."""
    qs = (Objective.objects.filter(agency=agency)
          .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("period_index")))
          .order_by("id"))
    return ObjectiveFilter(data, queryset=qs, current=current)


def rows(objectives: Iterable[Objective], *, with_charts: bool = True) -> list[ObjectiveRow]:
    """A row per objective; two queries, whatever the data, for the objectives of agency_objectives()."""
    return [_row(o, with_charts) for o in objectives]


def objective_row(*, objective: Objective) -> ObjectiveRow:
    return _row(objective, True)


def measurements_of(*, objective: Objective) -> QuerySet[Measurement]:
    return objective.measurements.select_related("recorded_by").order_by("period_index")


def years_of(*, agency: Agency, current: int) -> list[int]:
    years = set(Objective.objects.filter(agency=agency).values_list("year", flat=True).distinct())
    years.add(current)
    return sorted(years, reverse=True)


def objectives_summary(*, agencies: QuerySet[Agency], year: int) -> dict[int, dict]:
    """Per agency id: objectives of `year` ("total"), those with a measurement ("measured"), those achieved
    so far ("achieved"). One aggregate query; agencies without objectives are absent."""
    rows = (Objective.objects.filter(agency__in=agencies.values("pk"), year=year)
            .values("agency_id")
            .annotate(total=Count("id"), measured=Count("id", filter=Q(periods_measured__gt=0)),
                      achieved=Count("id", filter=Q(year_achieved=True)))
            .order_by())
    return {r["agency_id"]: {"total": r["total"], "measured": r["measured"], "achieved": r["achieved"]} for r in rows}


def agency_ids_by_share(*, year: int, at_least: Decimal | int) -> QuerySet:
    """The ids of the agencies with objectives in `year` whose achieved_share() is None (none measured yet) or at
    least `at_least`, as a subquery (`pk__in=`). achieved_share rounds half to even: with whole shares
    round(100 a / m) >= B exactly when 200 a > (2B - 1) m, or on the tie 200 a = (2B - 1) m when B is even."""
    least = math.ceil(at_least)  # a rounded share is whole: at least 50.5 is at least 51
    margin = 200 * F("achieved") - (2 * least - 1) * F("measured")
    share_ok = Q(margin__gte=0) if least % 2 == 0 else Q(margin__gt=0)
    return (Objective.objects.filter(year=year).order_by().values("agency_id")
            .annotate(measured=Count("id", filter=Q(periods_measured__gt=0)),
                      achieved=Count("id", filter=Q(year_achieved=True)))
            .alias(margin=ExpressionWrapper(margin, output_field=IntegerField()))
            .filter(Q(measured=0) | share_ok).values("agency_id"))


def achieved_share(summary: dict | None) -> Decimal | None:
    """Share (0–100) of the measured objectives that are achieved, or None when nothing is measured yet."""
    if not summary or not summary.get("measured"):
        return None
    return (Decimal(summary["achieved"] * 100) / Decimal(summary["measured"])).quantize(Decimal("1"))
