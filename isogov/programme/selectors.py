"""Reads of the programme, always for a user: agency users see approved plans and only the activities
their agencies take part in (or lead); the programme lead, inspectors and viewers see everything. Every
total, count and average is taken over the activities the user sees (access.programme_activity_q).

Sums are computed in SQL with one subquery per figure, so a page costs the same number of queries
whatever the number of activities, lines and disbursements.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from isogov.accounts import access
from isogov.programme.ceilings import Ceiling, ceiling_for
from isogov.programme.models import (
    Activity,
    ActivityStatus,
    BudgetLine,
    Disbursement,
    Evidence,
    Objective,
    Plan,
)

FIGURES = ("estimate", "allocated", "committed", "disbursed")


def _sum(qs: QuerySet, group: str, value: str):
    inner = qs.order_by().values(group).annotate(s=Sum(value)).values("s")
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0, output_field=IntegerField())


def _with_plan_totals(qs: QuerySet[Plan], *, user) -> QuerySet[Plan]:
    """The plan's figures summed over the activities `user` sees, never over the whole plan behind their back."""
    shown = Activity.objects.filter(plan=OuterRef("pk")).filter(access.programme_activity_q(user))
    lines = BudgetLine.objects.filter(activity__plan=OuterRef("pk")).filter(
        access.programme_activity_q(user, "activity__"))
    paid = Disbursement.objects.filter(line__activity__plan=OuterRef("pk")).filter(
        access.programme_activity_q(user, "line__activity__"))
    counted = shown.exclude(status=ActivityStatus.CANCELLED)
    return qs.annotate(
        total_estimate=_sum(lines, "activity__plan", "estimate"),
        total_allocated=_sum(lines, "activity__plan", "allocated"),
        total_committed=_sum(lines, "activity__plan", "committed"),
        total_disbursed=_sum(paid, "line__activity__plan", "amount"),
        progress_avg=Subquery(counted.order_by().values("plan").annotate(a=Avg("progress")).values("a")),
        activity_count=Subquery(shown.order_by().values("plan").annotate(c=Count("pk")).values("c"),
                                output_field=IntegerField()),
    )


def plans_for(*, user) -> QuerySet[Plan]:
    # Drafts are the programme lead's working papers; agencies see what was approved.
    qs = Plan.objects.select_related("lead_unit", "previous").filter(access.programme_plan_q(user))
    return _with_plan_totals(qs, user=user)


def plan_for(*, user, pk: int) -> Plan:
    """The plan with its totals, for a page that shows them (404 unless `user` sees it)."""
    return access.access_plan(user, pk, among=plans_for(user=user))


def plan_progress(plan: Plan) -> int:
    """Equal weights: the plain average of the activities' progress, cancelled activities left out."""
    return round(plan.progress_avg or 0)


def visible_activities(*, user, plan: Plan) -> QuerySet[Activity]:
    return Activity.objects.filter(plan=plan).filter(access.programme_activity_q(user))


def _with_activity_totals(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    lines = BudgetLine.objects.filter(activity=OuterRef("pk"))
    paid = Disbursement.objects.filter(line__activity=OuterRef("pk"))
    links = Activity.participants.through.objects.filter(activity_id=OuterRef("pk"))
    return qs.annotate(
        estimate=_sum(lines, "activity", "estimate"),
        allocated=_sum(lines, "activity", "allocated"),
        committed=_sum(lines, "activity", "committed"),
        disbursed=_sum(paid, "line__activity", "amount"),
        participant_count=Coalesce(Subquery(links.order_by().values("activity_id").annotate(c=Count("pk"))
                                            .values("c"), output_field=IntegerField()), 0),
    )


def activity_rows(*, user, plan: Plan, today: dt.date) -> list[Activity]:
    rows = list(_with_activity_totals(visible_activities(user=user, plan=plan))
                .select_related("lead_unit").order_by("number", "id"))
    for a in rows:
        a.overdue = a.is_overdue(today)
    return rows


def activity_detail(*, activity: Activity, today: dt.date) -> dict:
    row = _with_activity_totals(Activity.objects.filter(pk=activity.pk)).select_related(
        "plan__lead_unit", "lead_unit", "carried_from__plan").get()
    row.overdue = row.is_overdue(today)
    lines = budget_lines([row])
    return {
        "activity": row,
        "participants": row.participants.select_related("tier").order_by("tier__rank", "code"),
        "evidence": Evidence.objects.filter(activity=row).select_related("uploaded_by"),
        "lines": lines,
        "disbursements": disbursements_of(row),
        "figures": {f: getattr(row, f) for f in FIGURES},
    }


def disbursements_of(activity: Activity) -> list[Disbursement]:
    """The activity's disbursements and reversals, newest first; each with `left`, what is left to reverse of it."""
    reversed_ = Disbursement.objects.filter(reverses=OuterRef("pk"))
    return list(Disbursement.objects.filter(line__activity=activity)
                .annotate(reversed_sum=_sum(reversed_, "reverses", "amount"))
                .select_related("line", "recorded_by", "reverses"))


@dataclass
class LineRow:
    line: BudgetLine
    disbursed: int
    ceiling: Ceiling | None = None

    @property
    def over_ceiling(self) -> bool:
        return self.ceiling is not None and self.line.estimate > self.ceiling.amount


def budget_lines(activities: list[Activity]) -> list[LineRow]:
    """The lines of `activities`, each with its disbursed total and its legal ceiling, in two queries."""
    ids = [a.pk for a in activities]
    by_id = {a.pk: a for a in activities}
    paid = Disbursement.objects.filter(line=OuterRef("pk"))
    lines = list(BudgetLine.objects.filter(activity_id__in=ids)
                 .annotate(paid=_sum(paid, "line", "amount")).order_by("activity__number", "activity_id", "id"))
    tiers: dict[int, dict[str, int]] = defaultdict(dict)
    if lines:
        counts = (Activity.participants.through.objects.filter(activity_id__in=ids)
                  .values("activity_id", "agency__tier__code").annotate(n=Count("pk")))
        for row in counts:
            tiers[row["activity_id"]][row["agency__tier__code"]] = row["n"]
    rows = []
    for line in lines:
        activity = by_id[line.activity_id]
        line.activity = activity
        years = activity.end_date.year - activity.start_date.year + 1
        rows.append(LineRow(line, line.paid, ceiling_for(category=line.category,
                                                         participants_by_tier=tiers[activity.pk], years=years)))
    return rows


@dataclass
class BudgetOverview:
    rows: list[LineRow]
    totals: dict[str, int] = field(default_factory=dict)
    by_activity: list[tuple[Activity, dict[str, int]]] = field(default_factory=list)

    @property
    def warnings(self) -> list[LineRow]:
        return [r for r in self.rows if r.over_ceiling]


def budget_overview(*, user, plan: Plan, today: dt.date) -> BudgetOverview:
    activities = activity_rows(user=user, plan=plan, today=today)
    rows = budget_lines(activities)
    totals = {f: sum(getattr(a, f) for a in activities) for f in FIGURES}
    return BudgetOverview(rows=rows, totals=totals,
                          by_activity=[(a, {f: getattr(a, f) for f in FIGURES}) for a in activities])


def status_counts(activities: list[Activity]) -> list[tuple[str, str, int]]:
    counts = defaultdict(int)
    for a in activities:
        counts[a.status] += 1
    return [(s.value, s.label, counts[s.value]) for s in ActivityStatus]


def objectives_of(plan: Plan) -> list[Objective]:
    return list(plan.objectives.select_related("tier"))
