"""Legal ceilings on budget lines (Circular 116/2015/TT-BTC), read from settings ISOGOV["BUDGET_CEILINGS"].

A line over its ceiling gets a warning, never a refusal: the People's Committee may decide otherwise.
The ceiling of a line is the per-agency ceiling (scaled for the agency's tier) summed over the
activity's participating agencies, times the number of calendar years the activity spans.
"""
from dataclasses import dataclass

from django.conf import settings


def ceilings() -> dict:
    return settings.ISOGOV["BUDGET_CEILINGS"]  # the one default: isogov/conf.py


@dataclass(frozen=True)
class Ceiling:
    amount: int
    agencies: int
    years: int
    legal_basis: str


def ceiling_for(*, category: str, participants_by_tier: dict[str, int], years: int) -> Ceiling | None:
    rule = ceilings().get(category)
    if not rule:
        return None
    per_agency = int(rule["per_agency_per_year"])
    percents = rule.get("tier_percent", {})
    # Integer arithmetic in đồng: percent first, then divide, so 80% of 15.000.000 is exactly 12.000.000.
    total = sum(n * per_agency * int(percents.get(tier, 100)) // 100 for tier, n in participants_by_tier.items())
    return Ceiling(amount=total * max(years, 1), agencies=sum(participants_by_tier.values()), years=max(years, 1),
                   legal_basis=rule.get("legal_basis", ""))
