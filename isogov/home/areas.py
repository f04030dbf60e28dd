"""Every area whose records carry due dates, and the duties they hand out (isogov/core/duties.py).

Each area listed provides `isogov/<area>/duties.py` with `duties(*, agency_ids, today) -> list[Duty]` issuing a
fixed number of queries; a missing one is an error, not skipped. The home page lists them; the reminders
(issue 11) are to read the same list.
"""
import datetime as dt
import importlib
from collections.abc import Collection

from isogov.core.duties import Duty

# Feedback has no deadline of its own (a complaint that needs acting on opens a nonconformity, listed by capa);
# the compliance card's legal item is the documents' legal texts. The plan's activities and the annual report are
# the programme lead's (role admin).
AREAS = ("qms", "documents", "catalogue", "objectives", "risks", "capa", "audits", "reviews", "inspections",
         "programme", "reports", "library")


def all_duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    """Every area's duties of `agency_ids` (None: every agency); the caller has scoped the ids to its reader."""
    out: list[Duty] = []
    for area in AREAS:
        out.extend(importlib.import_module(f"isogov.{area}.duties").duties(agency_ids=agency_ids, today=today))
    return out
