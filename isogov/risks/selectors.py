"""Reads of the register. Callers pass an agency they obtained through the access helper."""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from isogov.registry.models import Agency
from isogov.risks import scale
from isogov.risks.filters import RiskFilter
from isogov.risks.models import Risk, RiskAction, Status


def register(*, agency: Agency, data, today: dt.date) -> RiskFilter:
    """The agency's risks, highest rating first, each with its action counts (one query), filtered by the
    register's query `data`: `.form` to show, `.qs` to list."""
    open_actions = Q(actions__done_on__isnull=True)
    qs = (Risk.objects.filter(agency=agency).select_related("procedure")
          .annotate(rating_value=F("likelihood") * F("impact"),
                    actions_total=Count("actions"),
                    actions_open=Count("actions", filter=open_actions),
                    actions_overdue=Count("actions", filter=open_actions & Q(actions__due_date__lt=today))))
    return RiskFilter(data, queryset=qs.order_by("-rating_value", "review_date", "id"), today=today)


def risk_of(*, agency: Agency, pk: int) -> Risk | None:
    return Risk.objects.filter(agency=agency, pk=pk).select_related("procedure", "created_by").first()


def actions_of(*, risk: Risk) -> QuerySet[RiskAction]:
    return risk.actions.order_by("done_on", "due_date", "id")


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int = 0

    @property
    def rating(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return scale.band(self.rating)


@dataclass
class HeatMap:
    residual: bool
    impacts: list[int] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # likelihood, highest first
    total: int = 0


def heat_map(*, agency: Agency, residual: bool = False) -> HeatMap:
    """Open risks and opportunities by likelihood and impact (or their residual values): one aggregate query."""
    top = scale.size()
    lk, im = ("residual_likelihood", "residual_impact") if residual else ("likelihood", "impact")
    counts = {(r[lk], r[im]): r["n"] for r in
              Risk.objects.filter(agency=agency, status=Status.OPEN, **{f"{lk}__isnull": False, f"{im}__isnull": False})
              .values(lk, im).annotate(n=Count("id")).order_by()}
    hm = HeatMap(residual=residual, impacts=list(range(1, top + 1)))
    for likelihood in range(top, 0, -1):
        cells = [Cell(likelihood, impact, counts.get((likelihood, impact), 0)) for impact in range(1, top + 1)]
        hm.rows.append((likelihood, cells))
    # Values beyond a scale made smaller later still count in the total, so nothing disappears silently.
    hm.total = sum(counts.values())
    return hm


def risk_summary(*, agency: Agency, today: dt.date, since: dt.date | None = None) -> dict:
    """What the management review needs (9.3.2 e): open risks by band, reviews overdue, treatment actions."""
    risks = list(Risk.objects.filter(agency=agency, status=Status.OPEN).values("likelihood", "impact", "review_date"))
    bands = {name: 0 for name in scale.BAND_LABELS}
    for r in risks:
        bands[scale.band(r["likelihood"] * r["impact"])] += 1
    actions = RiskAction.objects.filter(risk__agency=agency).aggregate(
        open=Count("id", filter=Q(done_on__isnull=True)),
        overdue=Count("id", filter=Q(done_on__isnull=True, due_date__lt=today)),
        done_since=Count("id", filter=Q(done_on__isnull=False, done_on__gte=since or dt.date.min)),
    )
    return {"open": len(risks), "bands": bands,
            "review_overdue": sum(1 for r in risks if r["review_date"] < today), "actions": actions}
