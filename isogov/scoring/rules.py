"""What a ruleset may say, and how a criterion turns a share into points.

A criterion names one of MEASURES (the code knows how to find each in the records), the tiers it applies to
(none: every tier), its points, its bands ({"min_share": 0.8, "fraction": 0.5}: from 80 % of the agencies,
half the points) and its basis ("[law] …" or "[assumed] …"). A share below every band earns nothing. A
criterion no agency of the tier is concerned by (no mandatory agency, no legal text falling due) is "not
applicable": it counts neither for nor against, and the tier's maximum leaves it out.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

# The measures a ruleset may name: what an agency must have done, as it stood on 31 December of the year.
MEASURES = {
    "announced": gettext_lazy("The QMS announced (a signed announcement decision dated on or before 31/12)."),
    "maintaining": gettext_lazy("An internal audit and a management review within the %(months)s months up to "
                                "31/12."),
    "legal_in_time": gettext_lazy("Every legal text due in the year brought into the QMS by its deadline (agencies "
                                  "with no legal text due in the year are not concerned)."),
    "reannounced": gettext_lazy("Re-announced after every change of scope (agencies whose scope did not change are "
                                "not concerned)."),
}
DEFAULT_MONTHS = 12  # "at least once every 12 months" [law]: the maintaining measure's window unless a ruleset says
BASIS_PREFIXES = ("[law]", "[assumed]")


@dataclass(frozen=True)
class Band:
    min_share: Decimal
    fraction: Decimal


@dataclass(frozen=True)
class Criterion:
    key: str
    measure: str
    title_vi: str
    title_en: str
    points: Decimal
    bands: tuple[Band, ...]
    basis: str
    tiers: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "vi").startswith("en") else self.title_vi

    @property
    def months(self) -> int:
        return int(self.params.get("months", DEFAULT_MONTHS))

    @property
    def description(self) -> str:
        return str(MEASURES[self.measure]) % {"months": self.months}

    def applies_to(self, tier_code: str) -> bool:
        return not self.tiers or tier_code in self.tiers

    def points_for(self, share: Decimal | None) -> Decimal | None:
        """The points a share earns (None: not applicable), the highest band it reaches."""
        if share is None:
            return None
        for band in self.bands:
            if share >= band.min_share:
                return (self.points * band.fraction).quantize(Decimal("0.01"))
        return Decimal("0.00")

    @property
    def full_share(self) -> Decimal:
        """The share that earns every point: the lowest band paying the whole."""
        return min((b.min_share for b in self.bands if b.fraction == 1), default=Decimal(1))


def _decimal(value, where: str, problems: list, *, low=Decimal(0), high: Decimal | None = None) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        problems.append(_("%(where)s: “%(value)s” is not a number.") % {"where": where, "value": value})
        return Decimal(0)
    if not number.is_finite() or number < low or (high is not None and number > high):
        problems.append(_("%(where)s: %(value)s is out of range.") % {"where": where, "value": value})
    return number


def _year(value, where: str, problems: list, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= dt.MAXYEAR:
        problems.append(_("%(where)s: “%(value)s” is not a year.") % {"where": where, "value": value})
        return None
    return value


def parse_ruleset(data: Any, *, tier_codes: set[str] | None = None) -> dict:
    """The ruleset file's content checked whole: every problem is listed, nothing half-loaded."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(_("A ruleset file holds one JSON object."))
    for key in ("code", "name_vi", "name_en", "first_year", "criteria"):
        if key not in data:
            problems.append(_("The ruleset has no “%(key)s”.") % {"key": key})
    first = _year(data.get("first_year"), "first_year", problems)
    last = _year(data.get("last_year"), "last_year", problems, optional=True)
    if first and last and last < first:
        problems.append(_("last_year is before first_year."))
    criteria = data.get("criteria") or []
    if not isinstance(criteria, list) or not criteria:
        problems.append(_("The ruleset has no criteria."))
        criteria = []
    keys = set()
    for number, raw in enumerate(criteria, 1):
        if not isinstance(raw, dict):
            problems.append(_("Criterion %(n)s is not an object.") % {"n": number})
            continue
        criterion_problems = criterion_from(raw, problems=[], tier_codes=tier_codes)[1]
        key = raw.get("key") or str(number)
        problems.extend(f"{key}: {p}" for p in criterion_problems)
        if key in keys:
            problems.append(_("Criterion %(key)s appears twice.") % {"key": key})
        keys.add(key)
    if problems:
        raise ValidationError(problems)
    return data


def criterion_from(raw: dict, *, problems: list | None = None, tier_codes: set[str] | None = None
                   ) -> tuple[Criterion, list[str]]:
    problems = [] if problems is None else problems
    for key in ("key", "measure", "title_vi", "title_en", "points", "bands", "basis"):
        if raw.get(key) in (None, "", []):
            problems.append(_("“%(key)s” is missing.") % {"key": key})
    measure = raw.get("measure", "")
    if measure and measure not in MEASURES:
        problems.append(_("“%(measure)s” is not a measure isogov knows (%(known)s).")
                        % {"measure": measure, "known": ", ".join(MEASURES)})
    basis = str(raw.get("basis", ""))
    if basis and not basis.startswith(BASIS_PREFIXES):
        problems.append(_("The basis must begin with [law] or [assumed]."))
    points = _decimal(raw.get("points", 0), "points", problems)
    bands = []
    for band in raw.get("bands") or []:
        if not isinstance(band, dict):
            problems.append(_("A band is not an object."))
            continue
        bands.append(Band(_decimal(band.get("min_share"), "min_share", problems, high=Decimal(1)),
                          _decimal(band.get("fraction"), "fraction", problems, high=Decimal(1))))
    bands.sort(key=lambda b: b.min_share, reverse=True)
    if bands and not any(b.fraction == 1 for b in bands):
        problems.append(_("No band gives the full points."))
    tiers = tuple(raw.get("tiers") or ())
    unknown = [t for t in tiers if tier_codes is not None and t not in tier_codes]
    if unknown:
        problems.append(_("Unknown tier(s): %(tiers)s.") % {"tiers": ", ".join(unknown)})
    params = raw.get("params") or {}
    if "months" in params and (not isinstance(params["months"], int) or not 1 <= params["months"] <= 60):
        problems.append(_("params.months must be a whole number of months from 1 to 60."))
    criterion = Criterion(key=str(raw.get("key", "")), measure=measure, title_vi=str(raw.get("title_vi", "")),
                          title_en=str(raw.get("title_en", "")), points=points, bands=tuple(bands), basis=basis,
                          tiers=tiers, params=dict(params))
    return criterion, problems


def criteria_of(ruleset) -> list[Criterion]:
    return [criterion_from(raw)[0] for raw in ruleset.criteria]
