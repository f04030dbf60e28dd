"""The catalogue's dates: working days (Circular 26/2014 art. 4: 5 working days) and the edition deadline."""
import datetime as dt

from django.conf import settings

SATURDAY = 5


def holidays() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(d) for d in settings.ISOGOV["PUBLIC_HOLIDAYS"])


def add_working_days(day: dt.date, days: int, *, off: frozenset[dt.date] | None = None) -> dt.date:
    """The `days`-th working day after `day` (the decision's own day does not count), skipping weekends and
    public holidays: a decision of Friday 6/11/2026 gives Friday 13/11 for 5 working days."""
    off = holidays() if off is None else off
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < SATURDAY and day not in off:
            days -= 1
    return day


def list_update_due(decided_on: dt.date) -> dt.date:
    return add_working_days(decided_on, settings.ISOGOV["PROCEDURE_LIST_WORKING_DAYS"])


def transition_deadline() -> dt.date:
    return dt.date.fromisoformat(settings.ISOGOV["ISO_TRANSITION_DEADLINE"])


def next_edition() -> str:
    return settings.ISOGOV["ISO_NEXT_EDITION"]
