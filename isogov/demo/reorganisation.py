"""1 July 2025: the district level is abolished and Trà Vinh's communes are merged into Vĩnh Long's new ones.

Recorded as the registry records any merger, through registry.services.agency_merge: the old unit ends on
30/06/2025 (its `ended_on`), merged into the new commune, which is active from 01/07/2025. Which old unit
went into which new commune is data/travinh-2025-merges.csv:

- basis `code`: the new commune kept the old commune's official code (41 of the 106);
- basis `district [assumed]`: the data does not say; the old commune is put with the new commune of its
  own district whose code is nearest to its own (codes run in geographical order within a district);
- basis `seat [assumed]`: a district went to the new commune formed around its seat (the lowest-coded
  township or ward among its communes' successors).
"""
from dataclasses import dataclass

from isogov.demo import catalogue
from isogov.demo.provinces import LAST_DAY_BEFORE
from isogov.registry.models import Agency, AgencyStatus
from isogov.registry.services import agency_merge

MERGES_FILE = catalogue.DATA_DIR / "travinh-2025-merges.csv"


@dataclass(frozen=True)
class Merge:
    old_code: str  # the registry code (TV-<official code> for a 2019 commune)
    new_code: str
    assumed: bool


def merges() -> list[Merge]:
    """Communes first, then their districts: a district is merged once its communes are."""
    rows = catalogue.read_csv(MERGES_FILE)
    found = [Merge(catalogue.old_commune_code(r["old_code"]) if r["old_district"] else r["old_code"],
                   r["new_code"], "[assumed]" in r["basis"]) for r in rows]
    return sorted(found, key=lambda m: not m.old_code.startswith("TV-"))


def merge_note(merge: Merge) -> str:
    note = "Sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương 2 cấp từ 01/07/2025"
    if merge.assumed:
        note += " [assumed: đơn vị tiếp nhận suy ra theo huyện cũ, dữ liệu nguồn không ghi]"
    return note


def record_merges(*, actor) -> int:
    """Merge every old unit still active into its new commune; returns how many were merged now."""
    plan = merges()
    agencies = Agency.objects.in_bulk([c for m in plan for c in (m.old_code, m.new_code)], field_name="code")
    done = 0
    for merge in plan:
        old, new = agencies.get(merge.old_code), agencies.get(merge.new_code)
        if old is None or new is None or old.status != AgencyStatus.ACTIVE:
            continue
        agency_merge(actor=actor, agency=old, into=new, effective_date=LAST_DAY_BEFORE, note=merge_note(merge))
        done += 1
    return done
