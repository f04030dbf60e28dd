"""The year's score for each agency, each tier and the province, each figure with the agencies and facts behind it.

Everything is computed from the records on demand; nothing is stored, so a corrected record corrects every year's
score at once. The agencies are those the reader may see (accounts.access.agencies_readable): a reader of one
agency's subtree gets its figures, not the province's.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet

from isogov.registry.models import Agency, Tier
from isogov.scoring.measures import MEASURE_FACTS, Fact, Todo, in_force_q, year_end
from isogov.scoring.models import Ruleset
from isogov.scoring.rules import Criterion, criteria_of

PROVINCE = "province-wide"


def ruleset_for(year: int) -> Ruleset | None:
    """The ruleset in force in `year`: the latest-starting one whose years include it."""
    return (Ruleset.objects.filter(first_year__lte=year).filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
            .order_by("-first_year", "code").first())


@dataclass
class Line:
    """One agency under one criterion."""
    agency: Agency
    fact: Fact


class Shares:
    """A criterion's share, percent and points from its `numerator` and `denominator` (agencies met, concerned)."""
    criterion: Criterion
    numerator: int
    denominator: int

    @property
    def share(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(self.numerator) / Decimal(self.denominator)).quantize(Decimal("0.0001"))

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else int((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def points(self) -> Decimal | None:
        return self.criterion.points_for(self.share)

    @property
    def applicable(self) -> bool:
        return self.denominator > 0

    @property
    def full(self) -> bool:
        return not self.applicable or self.points == self.criterion.points


@dataclass
class CriterionScore(Shares):
    criterion: Criterion
    met: list[Line] = field(default_factory=list)
    missing: list[Line] = field(default_factory=list)
    not_concerned: list[Line] = field(default_factory=list)

    @property
    def numerator(self) -> int:
        return len(self.met)

    @property
    def denominator(self) -> int:
        return len(self.met) + len(self.missing)


@dataclass
class CriterionCount(Shares):
    """A criterion counted without its agencies (scoring.totals): the figures of a tier or of the province."""
    criterion: Criterion
    numerator: int = 0
    denominator: int = 0


@dataclass
class Score:
    """The province, a tier or one agency."""
    key: str
    label: str
    agencies: int
    criteria: list[CriterionScore]

    @property
    def points(self) -> Decimal:
        return sum((c.points for c in self.criteria if c.applicable), Decimal("0.00"))

    @property
    def max_points(self) -> Decimal:
        return sum((c.criterion.points for c in self.criteria if c.applicable), Decimal("0.00"))

    @property
    def applicable(self) -> bool:
        return any(c.applicable for c in self.criteria)

    @property
    def percent(self) -> int | None:
        if not self.max_points:
            return None
        return int((self.points * 100 / self.max_points).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def full(self) -> bool:
        return all(c.full for c in self.criteria)

    @property
    def rows(self) -> list[tuple[CriterionScore, Line | None]]:
        """For one agency's score: each criterion with the agency's line (None: not for its tier)."""
        return [(c, next(iter(c.met + c.missing + c.not_concerned), None)) for c in self.criteria]

    def criterion(self, key: str) -> CriterionScore | None:
        return next((c for c in self.criteria if c.criterion.key == key), None)

    def todo(self) -> list[tuple[Agency, Todo, str]]:
        """The smallest set of things still needed for full marks: what each agency short of a criterion that is
        not at full points must do, and by when (earliest first)."""
        needed = []
        for c in self.criteria:
            if c.full:
                continue
            for line in c.missing:
                needed.extend((line.agency, t, c.criterion.key) for t in line.fact.todo)
        return sorted(needed, key=lambda n: (n[1].due or dt.date.max, n[0].path, n[1].text))

    def todo_by_agency(self) -> list[tuple[Agency, list[Todo]]]:
        """todo() with each agency once, in the registry's order, its tasks earliest first."""
        grouped: dict[int, tuple[Agency, list[Todo]]] = {}
        for agency, task, _key in self.todo():
            grouped.setdefault(agency.pk, (agency, []))[1].append(task)
        return sorted(grouped.values(), key=lambda g: (g[0].tier.rank, g[0].path))


@dataclass
class YearScore:
    year: int
    ruleset: Ruleset | None
    reference: dt.date
    province: Score | None
    tiers: list[Score]
    by_agency: dict[int, Score]


def _score(key: str, label: str, agencies: list[Agency], criteria: list[Criterion],
           facts: dict[str, dict[int, Fact]], tier_of: dict[int, str]) -> Score:
    scores = []
    for criterion in criteria:
        cs = CriterionScore(criterion)
        for agency in agencies:
            if not criterion.applies_to(tier_of[agency.pk]):
                continue
            fact = facts[criterion.key][agency.pk]
            bucket = cs.not_concerned if fact.met is None else cs.met if fact.met else cs.missing
            bucket.append(Line(agency, fact))
        scores.append(cs)
    return Score(key, label, len(agencies), scores)


def year_score(*, year: int, agencies: QuerySet[Agency]) -> YearScore:
    """The score of `year` over `agencies` (the reader's scope): a fixed number of queries per criterion."""
    ruleset = ruleset_for(year)
    ref = year_end(year)
    if ruleset is None:
        return YearScore(year, None, ref, None, [], {})
    criteria = criteria_of(ruleset)
    in_force = list(agencies.filter(in_force_q(ref)).select_related("tier").order_by("tier__rank", "path"))
    tier_of = {a.pk: a.tier.code for a in in_force}
    facts = {c.key: MEASURE_FACTS[c.measure](in_force, year, c) for c in criteria}
    province = _score(PROVINCE, "", in_force, criteria, facts, tier_of)
    tiers = []
    for tier in Tier.objects.order_by("rank"):
        members = [a for a in in_force if a.tier_id == tier.pk]
        tiers.append(_score(tier.code, str(tier), members, criteria, facts, tier_of))
    by_agency = {a.pk: _score(a.code, a.name, [a], criteria, facts, tier_of) for a in in_force}
    return YearScore(year, ruleset, ref, province, tiers, by_agency)


def as_json(score: YearScore) -> dict:
    """The figures `isogov score --json` prints and the page shows."""
    def one(s: Score) -> dict:
        return {
            "agencies": s.agencies, "points": str(s.points), "max_points": str(s.max_points), "percent": s.percent,
            "full_marks": s.full if s.applicable else None,  # nothing to score is not full marks
            "criteria": {c.criterion.key: {
                "numerator": c.numerator, "denominator": c.denominator, "percent": c.percent,
                "points": None if c.points is None else str(c.points), "max_points": str(c.criterion.points),
                "met": [line.agency.code for line in c.met], "missing": [line.agency.code for line in c.missing],
            } for c in s.criteria},
        }
    return {
        "year": score.year,
        "ruleset": score.ruleset.code if score.ruleset else None,
        "as_of": score.reference.isoformat(),
        "province": one(score.province) if score.province else None,
        "tiers": {s.key: one(s) for s in score.tiers},
    }
