"""An agency as the issuing body of a Decree 30/2020/NĐ-CP document: the name it signs under, the body above it
and the initials of its symbols.

A People's Committee issues in its own name ("ỦY BAN NHÂN DÂN PHƯỜNG 9", symbol "QĐ-UBND") with no body above it;
a department (sở) stands under the province's People's Committee; a sub-department (chi cục) under its
department; any other agency under its parent, or under the province when it has none.
"""
import datetime as dt
from dataclasses import dataclass

from isogov.core.official import abbreviation
from isogov.core.places import province_name
from isogov.core.text import fold
from isogov.registry.models import Agency, AgencyKind

COMMITTEE = "Ủy ban nhân dân"
COMMITTEES = {AgencyKind.DISTRICT_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE}


@dataclass(frozen=True)
class Letterhead:
    issuer: str
    superior: str
    initials: str  # of the symbol: "QĐ-<initials>"


def province_committee(on: dt.date | None = None) -> str:
    """The province's People's Committee as it was named on `on` (today's when None)."""
    return f"{COMMITTEE} tỉnh {province_name(on)}"


def letterhead(agency: Agency, on: dt.date | None = None) -> Letterhead:
    """`agency` with its parent loaded (select_related("parent")) costs no query; `on`: the document's date."""
    if agency.kind in COMMITTEES:
        named = fold(agency.name).startswith(("uy ban nhan dan", "ubnd"))
        issuer = agency.name if named else f"{COMMITTEE} {agency.name[:1].lower()}{agency.name[1:]}"
        return Letterhead(issuer, "", "UBND")
    if agency.kind == AgencyKind.DEPARTMENT or agency.parent_id is None:
        return Letterhead(agency.name, province_committee(on), abbreviation(agency.name))
    return Letterhead(agency.name, agency.parent.name, abbreviation(agency.name))
