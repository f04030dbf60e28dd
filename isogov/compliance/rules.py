"""Thresholds of the compliance card. The legal periods are the law's; the rest are assumptions, so they are
settings: ISOGOV["COMPLIANCE"] may override any key of DEFAULTS."""
import datetime as dt

from django.conf import settings

# The same day `months` later, the 31st becoming the month's last day; it never fails on odd stored dates.
from isogov.core.dates import add_months

GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
LEVEL_ORDER = {GREY: 0, GREEN: 1, AMBER: 2, RED: 3}

DEFAULTS = {
    "audit_months": 12,  # [law] an internal audit at least once every 12 months
    "review_months": 12,  # [law] a management review at least once every 12 months
    "due_soon_days": 30,  # [assumed] amber from 30 days before a due date (the reminder lead time)
    "objectives_green_share": 100,  # [assumed] every measured objective achieved
    "objectives_amber_share": 50,  # [assumed] at least half achieved: amber; below: red
}


def config() -> dict:
    return {**DEFAULTS, **settings.ISOGOV.get("COMPLIANCE", {})}


def periodic_level(last: dt.date | None, *, months: int, today: dt.date, due_soon_days: int) -> tuple[str, dt.date | None]:
    """(level, next due date) of a duty repeated every `months`: red once the due date has passed."""
    if last is None:
        return RED, None
    due = add_months(last, months)
    if due < today:
        return RED, due
    if (due - today).days <= due_soon_days:
        return AMBER, due
    return GREEN, due
