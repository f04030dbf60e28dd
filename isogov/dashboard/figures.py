"""The province's figures as they stood at the end of a day: what the dashboard shows and the annual report prints.

`province_figures(user=..., as_of=...)` reads only dated facts (dashboard/dated.py), so the same day gives the same
figures after later changes; it is limited to the agencies `user` may read (None: the whole province, for the
command line), and costs a fixed number of queries whatever the number of agencies.

What cannot be dated is said where it is used:
- compliance: the compliance card's items that carry dates (announced; internal audit and management review within
  their periods; no legal change and no corrective action overdue; no re-announcement pending). Its "quality
  objectives achieved" item is left out: an objective's measured values carry no date;
- the budget's estimates and allocations are the plan's current ones (only disbursements carry a date);
- an inspection plan's list of agencies to inspect on site is its current list.
The areas' own "overdue" selectors (capa.selectors.overdue_q, documents.selectors) read today's state (a
nonconformity's state, a text's missing incorporation date); dashboard/dated.py asks the same questions of the
dates: due before the day, and not done, closed, cancelled or brought in by its end.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.capa.models import State
from isogov.dashboard import dated
from isogov.inspections.models import Finding, InspectionPlan, RecordsCheck
from isogov.programme.models import BudgetLine, Disbursement, Plan, PlanStatus
from isogov.registry import rollups
from isogov.registry.models import Tier
from isogov.scoring.totals import year_totals


def percent(part: int, whole: int) -> Decimal | None:
    """`part` in % of `whole`, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figure_url(figure: str, as_of: dt.date, tier: str = "", under: str = "") -> str:
    """The page listing exactly the agencies a figure counts (`under`: in a roll-up group's subtree)."""
    query = {"figure": figure, "as_of": as_of.isoformat()}
    if tier:
        query["tier"] = tier
    if under:
        query["under"] = under
    return f"{_drill_down()}?{urlencode(query)}"


_DRILL_DOWN: dict[tuple, str] = {}


def _drill_down() -> str:
    # One reverse() per URL configuration and prefix, not one per link: a ministry's page links every province.
    key = (get_urlconf(), get_script_prefix())
    if key not in _DRILL_DOWN:
        _DRILL_DOWN[key] = reverse("dashboard:agencies")
    return _DRILL_DOWN[key]


@dataclass
class TierRow:
    """One tier (code "" for the province's total): numbers of agencies, each with the link to them (`urls`)."""
    code: str
    name: str
    agencies: int = 0  # existing on the day
    must_apply: int = 0  # mandatory (Decision 19/2014)
    announced: int = 0  # announced at least once by the day
    maintaining: int = 0  # announced, internal audit and management review within their periods
    building: int = 0  # started (building, applying, confirmed…) and not announced yet
    not_started: int = 0
    announced_must: int = 0  # of those that must apply: the rates' numerators
    maintaining_must: int = 0
    compliant: int = 0  # the compliance card's dated items all met
    ca_overdue: int = 0  # with a corrective action overdue
    legal_overdue: int = 0  # with a legal text not brought in within its deadline
    trained: int = 0  # with at least TRAINING_MIN_PER_AGENCY people trained by the day
    onsite_planned: int = 0  # on the year's inspection plan, on site
    inspected: int = 0  # inspected on site, the record signed by the day
    urls: dict[str, str] = field(default_factory=dict)
    path: str = ""  # a roll-up group's: its head's path

    @property
    def announced_rate(self) -> Decimal | None:
        """Announced, in % of those that must apply (the plan's target: 100 %)."""
        return percent(self.announced_must, self.must_apply)

    @property
    def maintaining_rate(self) -> Decimal | None:
        return percent(self.maintaining_must, self.must_apply)

    @property
    def compliant_rate(self) -> Decimal | None:
        return percent(self.compliant, self.agencies)

    @property
    def trained_rate(self) -> Decimal | None:
        return percent(self.trained, self.agencies)


@dataclass
class PlanBudget:
    title: str
    period: str
    url: str
    estimate: int = 0
    allocated: int = 0
    disbursed: int = 0  # up to the day


@dataclass
class Budget:
    """The programme plan(s) approved for the day's year: planned against spent up to the day, whole đồng."""
    plans: list[PlanBudget] = field(default_factory=list)

    @property
    def estimate(self) -> int:
        return sum(p.estimate for p in self.plans)

    @property
    def allocated(self) -> int:
        return sum(p.allocated for p in self.plans)

    @property
    def disbursed(self) -> int:
        return sum(p.disbursed for p in self.plans)

    @property
    def rate(self) -> Decimal | None:
        """Disbursed in % of the estimate."""
        return percent(self.disbursed, self.estimate)


@dataclass
class Inspections:
    """The year's inspection plan as it stood at the end of the day (none: `planned` is False)."""
    year: int
    planned: bool = False
    url: str = ""
    onsite_target: int = 0
    onsite_planned: int = 0  # agencies on the plan's on-site list
    inspected: int = 0  # on site, record dated by the day
    records_checked: int = 0  # records-and-reports checks dated by the day
    findings: int = 0  # in the records dated by the day
    nonconformities: int = 0  # findings that opened a nonconformity
    closed: int = 0  # of those, closed by the day
    onsite_url: str = ""
    inspected_url: str = ""


@dataclass
class ScoreRow:
    code: str
    name: str
    points: Decimal
    max_points: Decimal
    percent: int | None


@dataclass
class Score:
    """The PAR score's ISO component of the last year over by the day (None: no ruleset for that year)."""
    year: int
    url: str
    ruleset: str = ""
    tiers: list[ScoreRow] = field(default_factory=list)
    province: ScoreRow | None = None


@dataclass
class Figures:
    as_of: dt.date
    tiers: list[TierRow]
    total: TierRow
    budget: Budget
    inspections: Inspections
    score: Score
    rollups: dict[str, list[TierRow]] = field(default_factory=dict)  # level ("province", "district"): its groups


def _add(row: TierRow, counts: dict[str, int]) -> None:
    for key in dated.AGENCY_FIGURES:
        setattr(row, key, getattr(row, key) + counts[key])


def _tier_rows(user, as_of: dt.date) -> tuple[list[TierRow], TierRow, dict[str, list[TierRow]]]:
    """The rows per tier, the total, and the roll-ups per province and per district (registry.rollups): one
    grouped query, then a few rows per district added up here."""
    levels = rollups.levels()
    grouped = dated.counts_by_group(user=user, as_of=as_of, levels=levels)
    by_tier: dict[int, dict[str, int]] = {}
    for tier_id, _key, counts in grouped:
        found = by_tier.setdefault(tier_id, dict.fromkeys(dated.AGENCY_FIGURES, 0))
        for key in dated.AGENCY_FIGURES:
            found[key] += counts[key]
    total = TierRow("", "")
    rows = []
    for tier in Tier.objects.order_by("rank"):
        if tier.pk not in by_tier:
            continue
        row = TierRow(tier.code, str(tier), **by_tier[tier.pk])
        row.urls = {key: figure_url(key, as_of, tier.code) for key in dated.AGENCY_FIGURES}
        rows.append(row)
        _add(total, by_tier[tier.pk])
    total.urls = {key: figure_url(key, as_of) for key in dated.AGENCY_FIGURES}
    return rows, total, {level: _groups(grouped, level, as_of) for level in levels}


OUTSIDE = {"province": _("Outside any province"), "district": _("Provincial agencies (no district)")}


def _groups(grouped, level: str, as_of: dt.date) -> list[TierRow]:
    """The groups of one roll-up level in the registry's order, each under its head (the code of its row); the
    agencies in none last, unlinked (their figures are in the tiers' rows)."""
    by_path = rollups.heads(level)
    groups: dict[str, TierRow] = {}
    outside = TierRow("", str(OUTSIDE[level]))
    for _tier_id, key, counts in grouped:
        head = rollups.head_of(key, by_path) if key else None
        if head is None:
            _add(outside, counts)
            continue
        if head.path not in groups:
            groups[head.path] = TierRow(head.code, head.name, path=head.path)
        _add(groups[head.path], counts)
    found = [groups[path] for path in sorted(groups)]
    for row in found:
        row.urls = _Links(as_of, row.code)
    return found + ([outside] if outside.agencies else [])


class _Links(dict):
    """A roll-up group's drill-down links, each made when a page shows it: a ministry has hundreds of districts."""

    def __init__(self, as_of: dt.date, under: str):
        super().__init__()
        self.as_of, self.under = as_of, under

    def __missing__(self, figure: str) -> str:
        if figure not in dated.FIGURE_LABELS:
            raise KeyError(figure)
        self[figure] = url = figure_url(figure, self.as_of, under=self.under)
        return url


def _sum(qs, group: str, value: str):
    inner = qs.order_by().values(group).annotate(s=Sum(value)).values("s")
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0, output_field=IntegerField())


def _budget(user, as_of: dt.date) -> Budget:
    """One query. The lines and payments the reader sees (access.programme_activity_q), as the programme's pages."""
    seen = Q() if user is None else access.programme_activity_q(user, "activity__")
    paid_seen = Q() if user is None else access.programme_activity_q(user, "line__activity__")
    lines = BudgetLine.objects.filter(seen, activity__plan=OuterRef("pk"))
    paid = Disbursement.objects.filter(paid_seen, line__activity__plan=OuterRef("pk"), date__lte=as_of)
    plans = (Plan.objects.filter(status=PlanStatus.APPROVED, start_year__lte=as_of.year, end_year__gte=as_of.year)
             .annotate(t_estimate=_sum(lines, "activity__plan", "estimate"),
                       t_allocated=_sum(lines, "activity__plan", "allocated"),
                       t_disbursed=_sum(paid, "line__activity__plan", "amount"))
             .order_by("start_year", "pk"))
    return Budget([PlanBudget(p.title, p.period, reverse("programme:plan_detail", args=[p.pk]), p.t_estimate,
                              p.t_allocated, p.t_disbursed) for p in plans])


def _inspections(user, as_of: dt.date, total: TierRow) -> Inspections:
    """Three queries: the plan, its findings and its records checks dated by the day, in the reader's scope."""
    year = as_of.year
    plan = InspectionPlan.objects.filter(year=year).only("pk", "onsite_target").first()
    result = Inspections(year, onsite_planned=total.onsite_planned, inspected=total.inspected,
                         onsite_url=total.urls["onsite_planned"], inspected_url=total.urls["inspected"])
    if plan is None:
        return result
    result.planned, result.onsite_target = True, plan.onsite_target
    if user is None or access.reads_whole_programme(user):
        result.url = reverse("inspections:plan", args=[plan.pk])
    in_scope = Q() if user is None else access.inspections_scope_q(user, "inspection__")
    checks_scope = dated.scope(user).values("pk")
    findings = Finding.objects.filter(in_scope, inspection__plan=plan, inspection__record_date__lte=as_of)
    checks = RecordsCheck.objects.filter(plan=plan, checked_on__lte=as_of, agency__in=checks_scope).order_by()
    agg = findings.aggregate(
        n=Count("pk"), nc=Count("pk", filter=Q(nonconformity__isnull=False)),
        closed=Count("pk", filter=Q(nonconformity__state=State.CLOSED, nonconformity__closed_on__lte=as_of)))
    result.findings, result.nonconformities, result.closed = agg["n"], agg["nc"], agg["closed"]
    result.records_checked = checks.count()
    return result


def score_year(as_of: dt.date) -> int:
    """The last year over by the end of `as_of`: its score is final; the current year's is not known yet."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


def _score(user, as_of: dt.date) -> Score:
    year = score_year(as_of)
    result = Score(year, f"{reverse('scoring:index')}?{urlencode({'year': year})}")
    ys = year_totals(year=year, agencies=dated.scope(user))  # counted in the database, not agency by agency
    if ys.ruleset is None:
        return result
    result.ruleset = ys.ruleset.code

    def row(s) -> ScoreRow:
        return ScoreRow(s.key, s.label, s.points, s.max_points, s.percent)

    result.tiers = [row(s) for s in ys.tiers if s.applicable]
    result.province = row(ys.province) if ys.province and ys.province.applicable else None
    return result


def province_figures(*, user, as_of: dt.date) -> Figures:
    tiers, total, groups = _tier_rows(user, as_of)
    return Figures(as_of, tiers, total, _budget(user, as_of), _inspections(user, as_of, total), _score(user, as_of),
                   groups)
