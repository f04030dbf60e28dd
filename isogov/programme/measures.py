"""The plan's objectives measured from isogov's own data: current value against the target, by tier.

Every measure is computed over the active agencies the user may read, in a fixed number of
queries: one for the tiers, one for the agencies, and one call of the compliance flags and of the
training coverage (each a fixed number of queries) when an objective needs it.
"""
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from isogov.accounts import access
from isogov.compliance.selectors import compliance_flags
from isogov.programme.models import Metric, Objective
from isogov.qms.states import QmsState
from isogov.registry.models import AgencyStatus, Tier
from isogov.training.selectors import coverage as training_coverage

LIFECYCLE_STATES = {
    Metric.ANNOUNCED: {QmsState.ANNOUNCED, QmsState.MAINTAINING},
    Metric.MAINTAINING: {QmsState.MAINTAINING},
}


def min_trained() -> int:
    return settings.ISOGOV["TRAINING_MIN_PER_AGENCY"]  # the one default: isogov/conf.py


@dataclass
class Value:
    label: str
    count: int
    of: int

    @property
    def percent(self) -> int | None:
        return None if not self.of else round(100 * self.count / self.of)


@dataclass
class Measure:
    objective: Objective
    available: bool = True
    rows: list[Value] = field(default_factory=list)  # one per tier
    total: Value | None = None

    @property
    def met(self) -> bool | None:
        if not self.available or self.total is None or self.total.percent is None:
            return None
        return self.total.percent >= self.objective.target_percent


def measure_objectives(*, user, objectives: list[Objective], today: dt.date) -> tuple[dict[int, Measure], int]:
    """Measures by objective id, and the number of agencies measured over."""
    measured = [o for o in objectives if o.metric]
    scope = access.agencies_readable(user).filter(status=AgencyStatus.ACTIVE)
    if not measured:
        return {}, 0
    tiers = list(Tier.objects.order_by("rank"))
    agencies = list(scope.values_list("pk", "tier_id", "mandatory", "qms_state"))
    metrics = {o.metric for o in measured}
    flags = None
    if Metric.COMPLIANT in metrics:  # judged without building the cards: only the counts are shown
        flags = compliance_flags(agencies=scope, today=today)
    coverage: dict[bool, dict | None] = {}
    if metrics & {Metric.TRAINED, Metric.SECRETARIES_TRAINED}:
        for mandatory in sorted({o.mandatory_only for o in measured if o.metric in (Metric.TRAINED,
                                                                                      Metric.SECRETARIES_TRAINED)}):
            qs = scope.filter(mandatory=True) if mandatory else scope
            coverage[mandatory] = training_coverage(agencies=qs, min_trained=min_trained())
    result = {o.pk: _measure(o, tiers, agencies, flags, coverage) for o in measured}
    return result, len(agencies)


def _measure(o: Objective, tiers: list[Tier], agencies: list[tuple], flags, coverage: dict) -> Measure:
    shown = [t for t in tiers if o.tier_id in (None, t.pk)]
    pool = [a for a in agencies if not o.mandatory_only or a[2]]
    if o.metric in LIFECYCLE_STATES:
        states = LIFECYCLE_STATES[o.metric]
        counts = _by_tier(pool, lambda a: a[3] in states)
    elif o.metric == Metric.COMPLIANT:
        if flags is None:
            return Measure(o, available=False)
        counts = _by_tier(pool, lambda a: flags.get(a[0], False))
    else:
        data = coverage.get(o.mandatory_only)
        if data is None:
            return Measure(o, available=False)
        key, of = ("covered", "agencies") if o.metric == Metric.TRAINED else ("secretaries_trained", "secretaries")
        counts = {t.pk: (int(data.get(t.code, {}).get(key, 0)), int(data.get(t.code, {}).get(of, 0))) for t in tiers}
    rows = [Value(str(t), *counts.get(t.pk, (0, 0))) for t in shown]
    rows = [r for r in rows if r.of] if o.tier_id is None else rows
    total = Value("", sum(r.count for r in rows), sum(r.of for r in rows))
    return Measure(o, rows=rows if o.tier_id is None else [], total=total)


def _by_tier(agencies: list[tuple], hit) -> dict[int, tuple[int, int]]:
    yes, of = Counter(), Counter()
    for a in agencies:
        of[a[1]] += 1
        if hit(a):
            yes[a[1]] += 1
    return {tier: (yes[tier], n) for tier, n in of.items()}
