"""Roll-ups: the province (and the district) each agency belongs to, for the figures per province and per district
on the province-wide pages, reports and the national view.

An agency belongs to the topmost agency of that tier on its path: a department belongs to its province's People's
Committee (both provincial tier), a commune to its district's committee. Worked out from the stored paths in Python
(two queries whatever the number of agencies): the path's prefixes are looked up in a dict, which SQLite and
PostgreSQL would each need their own string functions for.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When

from isogov.registry.models import Agency, Tier

LEVELS = ("province", "district")  # the tiers a roll-up groups by, top first, where the registry has them


@dataclass
class Group:
    """One province's or district's figures: `head` is its top agency (None: agencies outside any)."""
    head: Agency | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def share_compliant(self) -> int | None:
        return self.share("compliant")

    def share(self, name: str) -> int | None:
        total = self.counts.get("total", 0)
        return round(100 * self.counts.get(name, 0) / total) if total else None


def heads(tier_code: str, among: QuerySet[Agency] | None = None) -> dict[str, Agency]:
    """{path: agency} of the topmost agencies of the tier (those whose parent is of another tier or none), among
    the given agencies (all by default)."""
    found = ((Agency.objects.all() if among is None else among).filter(tier__code=tier_code)
             .exclude(parent__tier__code=tier_code)
             .only("pk", "code", "name", "path", "tier_id")
             .order_by("path"))
    return {a.path: a for a in found}


def head_of(path: str, by_path: dict[str, Agency]) -> Agency | None:
    """The first agency of `by_path` on the path from the root down to (and including) the agency itself."""
    end = path.find("/", 1)
    while end != -1:
        found = by_path.get(path[:end + 1])
        if found is not None:
            return found
        end = path.find("/", end + 1)
    return None


def levels() -> list[str]:
    """The roll-up levels this registry has, top first. Per province only where a tier sits above the province
    (a ministry's registry): a province's own registry starts at its departments, each its own top agency."""
    ranks = dict(Tier.objects.values_list("code", "rank"))
    found = []
    if "province" in ranks and any(rank < ranks["province"] for rank in ranks.values()):
        found.append("province")
    if "district" in ranks:
        found.append("district")
    return found


def roll_up_key(levels: list[str]):
    """The path that decides each agency's place in the roll-ups: its own where it may head a group (on a roll-up
    tier, under no agency of its tier), else its parent's, whose group it shares. Agencies with one key share every
    group, so that counts grouped by it in SQL come a few rows per district, not one per agency."""
    if not levels:
        return Value("", output_field=CharField())
    may_head = Q(tier__code__in=levels) & (Q(parent__isnull=True) | ~Q(parent__tier_id=F("tier_id")))
    return Case(When(may_head, then=F("path")), default=F("parent__path"), output_field=CharField())


def roll_up_counts(rows: Iterable[tuple[str | None, dict[str, int]]], tier_code: str) -> list[Group]:
    """Add up `rows` — (roll-up key or agency path, {count name: number}), as counted in SQL by roll_up_key — per
    head of `tier_code`, in the heads' path order; those outside every head last, as head None."""
    by_path = heads(tier_code)
    groups = {path: Group(head) for path, head in by_path.items()}
    outside = Group(None)
    for key, counts in rows:
        head = head_of(key, by_path) if key else None
        into = (groups[head.path] if head is not None else outside).counts
        for name, n in counts.items():
            into[name] = into.get(name, 0) + n
    found = [g for g in groups.values() if g.counts]
    return found + ([outside] if outside.counts else [])
