"""The legal-update deadline: a new legal document is brought into the QMS within N months of taking effect.

N is ISOGOV["LEGAL_UPDATE_MONTHS"] (3 by the domain brief). The deadline is stored on the document
when its effective date is recorded, so that counts run in SQL. After changing the setting, run
`isogov legal-deadlines` once to store every deadline again (`--check` only reports those out of date).
"""
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# 30/11 + 3 months is 28 or 29/02, the month's last day; it never fails on odd stored dates.
from isogov.core.dates import add_months


def update_months() -> int:
    return settings.ISOGOV["LEGAL_UPDATE_MONTHS"]


def due_on(effective_on: dt.date | None) -> dt.date | None:
    return add_months(effective_on, update_months()) if effective_on else None


class LegalState:
    UPCOMING = "upcoming"
    PENDING = "pending"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"


LABELS = {
    LegalState.UPCOMING: _("Not yet in effect"),
    LegalState.PENDING: _("To be brought in"),
    LegalState.OVERDUE: _("Overdue"),
    LegalState.ON_TIME: _("Brought in on time"),
    LegalState.LATE: _("Brought in late"),
}


@dataclass(frozen=True)
class LegalStatus:
    state: str
    due_on: dt.date | None
    days_late: int = 0

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def flagged(self) -> bool:
        return self.state in (LegalState.OVERDUE, LegalState.LATE)


def legal_status(*, effective_on: dt.date | None, incorporated_on: dt.date | None, due: dt.date | None,
                 today: dt.date) -> LegalStatus | None:
    """Where a legal text stands; the same rules as selectors.compliance_facts, for one row."""
    if effective_on is None or due is None:
        return None
    if incorporated_on is not None:
        if incorporated_on > due:
            return LegalStatus(LegalState.LATE, due, (incorporated_on - due).days)
        return LegalStatus(LegalState.ON_TIME, due)
    if effective_on > today:
        return LegalStatus(LegalState.UPCOMING, due)
    if today > due:
        return LegalStatus(LegalState.OVERDUE, due, (today - due).days)
    return LegalStatus(LegalState.PENDING, due)
