"""What the province did in a year, from the records dated in that year: training held, the year's inspections and
their findings, the money paid out. A fixed number of queries, whatever the number of agencies or records."""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from isogov.accounts import access
from isogov.inspections.models import Finding, Grade, Inspection, InspectionPlan
from isogov.programme.models import BudgetCategory, Disbursement
from isogov.reports.rules import year_end
from isogov.training.models import Session, Trainee


@dataclass
class YearCounts:
    year: int
    sessions: int = 0
    trainees: int = 0
    completed: int = 0
    agencies_trained: int = 0
    plan: InspectionPlan | None = None
    onsite_planned: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # grade: count
    spent: int = 0
    spent_by_category: list[tuple[str, int]] = field(default_factory=list)

    @property
    def findings_total(self) -> int:
        return sum(self.findings.values())


def _scope(user, rule, *args) -> Q:
    """`rule`'s filter for `user`; None is the command line, which reads the whole province."""
    return Q() if user is None else rule(user, *args)


def _between(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), year_end(year)


def training(counts: YearCounts, *, user) -> None:
    """Sessions whose first day falls in the year, and who attended them for the agencies `user` reads."""
    span = _between(counts.year)
    counts.sessions = Session.objects.filter(start_date__range=span).count()
    row = (Trainee.objects.filter(_scope(user, access.agency_scope_q, "agency__"), session__start_date__range=span)
           .aggregate(n=Count("pk"), done=Count("pk", filter=Q(completed=True)),
                      agencies=Count("agency", distinct=True)))
    counts.trainees, counts.completed, counts.agencies_trained = row["n"], row["done"], row["agencies"]


def inspections(counts: YearCounts, *, user) -> None:
    """The findings of the year's inspection plan by grade, in the records dated in the year (the dashboard's
    Inspections counts the rest)."""
    span = _between(counts.year)
    counts.plan = plan = InspectionPlan.objects.filter(year=counts.year).first()
    if plan is None:
        return
    counts.onsite_planned = plan.onsite_target
    held = Inspection.objects.filter(_scope(user, access.inspections_scope_q), plan=plan, record_date__range=span)
    rows = (Finding.objects.filter(inspection__in=held.values("pk")).order_by().values("grade")
            .annotate(n=Count("pk")))
    found = {r["grade"]: r["n"] for r in rows}
    counts.findings = {grade: found.get(grade, 0) for grade in Grade.values}


def budget(counts: YearCounts, *, user) -> None:
    """Payments dated in the year (reversals included, so a corrected payment counts once), by category."""
    rows = (Disbursement.objects.filter(_scope(user, access.programme_plan_q, "line__activity__plan__"),
                                        _scope(user, access.programme_activity_q, "line__activity__"),
                                        date__range=_between(counts.year))
            .order_by().values("line__category").annotate(total=Sum("amount")))
    by = {r["line__category"]: int(r["total"] or 0) for r in rows}
    counts.spent = sum(by.values())
    counts.spent_by_category = [(str(label), by[value]) for value, label in BudgetCategory.choices if by.get(value)]


def year_counts(*, user, year: int) -> YearCounts:
    counts = YearCounts(year=year)
    training(counts, user=user)
    inspections(counts, user=user)
    budget(counts, user=user)
    return counts
