"""The proposed on-site list: the mandatory agencies ranked by risk, each with the reasons that put it there.

Deterministic: the same records give the same list (ties go by the agency's place in the registry). The facts
are the compliance card's (isogov/compliance/rules.py), the last on-site inspection, and last year's PAR score.
The list is then spread across tiers and districts: each tier, then each district (a district with its communes;
the provincial bodies count as one), gets its best-ranked agency before any gets a second, as far as `size` allows.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from isogov.compliance.rules import RED
from isogov.compliance.selectors import compliance_cards
from isogov.inspections import rules
from isogov.inspections.models import Inspection
from isogov.registry.models import Agency
from isogov.scoring.measures import in_force_q
from isogov.scoring.selectors import year_score


@dataclass
class Candidate:
    agency: Agency
    reasons: list[tuple[str, int, str]] = field(default_factory=list)  # (key, weight, what the records show)

    @property
    def risk(self) -> int:
        return sum(w for _key, w, _text in self.reasons)

    @property
    def keys(self) -> set[str]:
        return {k for k, _w, _t in self.reasons}

    def add(self, key: str, text: str, times: int = 1) -> None:
        self.reasons.append((key, rules.WEIGHTS[key] * times, text))


def _district(agency: Agency) -> str:
    """The district an agency belongs to: its top unit (a district, or a commune under none); the provincial
    bodies are one group, the province."""
    if agency.tier.rank == 1:
        return ""
    return [p for p in agency.path.split("/") if p][0]


def ranked(*, agencies: QuerySet[Agency], year: int, today: dt.date) -> list[Candidate]:
    """Every mandatory agency in force on `today`, riskiest first."""
    pool = agencies.filter(in_force_q(today))
    cards = compliance_cards(agencies=pool, today=today)
    last_onsite = dict(Inspection.objects.filter(agency__in=pool.values("pk"), record_date__isnull=False)
                       .values("agency_id").annotate(last=Max("record_date")).values_list("agency_id", "last"))
    last_year = year_score(year=year - 1, agencies=pool).by_agency
    out = []
    for card in cards.values():
        agency = card.agency
        c = Candidate(agency)
        last = last_onsite.get(agency.pk)
        if last is None:
            c.add("never_inspected", _("Never inspected on site."))
        else:
            years = min(3, year - last.year)
            if years > 0:
                c.add("years_since_inspection", _("Last inspected on site on %(date)s.")
                      % {"date": last.strftime("%d/%m/%Y")}, times=years)
        for key, reason in (("corrective_actions", "corrective_overdue"), ("internal_audit", "no_internal_audit"),
                            ("management_review", "no_management_review"), ("reannounce", "reannounce_due"),
                            ("legal", "legal_overdue")):
            item = card.item(key)
            if item is not None and item.level == RED:
                c.add(reason, f"{item.label}: {item.fact}")
        if card.colour == "bad":
            red = ", ".join(str(i.label) for i in card.items if i.level == RED)
            c.add("red_card", _("The compliance card is red: %(items)s.") % {"items": red})
        score = last_year.get(agency.pk)
        if score is not None and score.percent is not None and score.percent < rules.LOW_SCORE_PERCENT:
            c.add("low_score", _("PAR score %(year)s: %(percent)s %%.") % {"year": year - 1, "percent": score.percent})
        out.append(c)
    return sorted(out, key=lambda c: (-c.risk, c.agency.tier.rank, c.agency.path))


def spread(candidates: list[Candidate], size: int) -> list[Candidate]:
    """`size` of the ranked candidates, taking turns across tiers, then districts, before any takes a second."""
    chosen, taken = [], set()
    for key in (lambda c: c.agency.tier_id, lambda c: _district(c.agency)):
        seen = {key(c) for c in chosen}  # a group already represented waits for the others
        for c in candidates:
            if len(chosen) >= size:
                break
            group = key(c)
            if group not in seen and c.agency.pk not in taken and c.risk > 0:
                seen.add(group)
                chosen.append(c)
                taken.add(c.agency.pk)
    for c in candidates:
        if len(chosen) >= size:
            break
        if c.agency.pk not in taken:
            chosen.append(c)
            taken.add(c.agency.pk)
    return sorted(chosen, key=lambda c: (-c.risk, c.agency.tier.rank, c.agency.path))


def propose(*, agencies: QuerySet[Agency], year: int, today: dt.date, size: int) -> list[Candidate]:
    return spread(ranked(agencies=agencies, year=year, today=today), size)
