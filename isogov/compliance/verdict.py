"""The compliance verdict (a card's `ok`, rules.py) as one SQL condition on the agencies, so that the province table and
the plan's measures count, roll up and page every agency in the database instead of reading each one's facts.

Each fact is an uncorrelated `id IN (SELECT agency_id ...)`: the database reads each set once per query
(PostgreSQL's hashed subplan, SQLite's ephemeral index), not once per agency. The cards (rules.py) stay the one
description of the rule, in words and levels; tests/test_table.py holds this condition equal to the cards on
every agency, around every threshold.
"""
import datetime as dt

from django.db.models import Q

from isogov.audits import rules as audit_rules
from isogov.capa.selectors import overdue_agency_ids as capa_overdue_ids
from isogov.compliance import rules
from isogov.core.dates import add_days, add_months
from isogov.documents.selectors import overdue_agency_ids as legal_overdue_ids
from isogov.objectives.selectors import agency_ids_by_share
from isogov.qms.models import FactKind, QmsFact


def on_time_since(*, months: int, today: dt.date) -> dt.date:
    """The earliest day a duty repeated every `months` may have been done last and still be on time today: the
    first day `d` with add_months(d, months) >= today. add_months never decreases as `d` grows (a month's end
    clamps: 29, 30 and 31 January all lead to 28 February), so "on time" is "last >= this day" exactly."""
    day = add_months(today, -months)
    while add_months(add_days(day, -1), months) >= today:
        day = add_days(day, -1)
    while add_months(day, months) < today:
        day = add_days(day, 1)
    return day


def _done_since(kind: str, day: dt.date) -> Q:
    return Q(pk__in=QmsFact.objects.filter(kind=kind, date__gte=day).order_by().values("agency_id"))


def compliant_q(*, today: dt.date, cfg: dict | None = None) -> Q:
    """A card's `ok` as a condition on Agency: announced, the internal audit and the management review on time,
    no legal text and no corrective action overdue, and the year's objectives not red. Never NULL, so that
    ~compliant_q() selects the agencies that are not compliant."""
    cfg = cfg or rules.config()
    return (Q(qms_state__in=rules.ANNOUNCED)
            # audits.rules.internal_audit_overdue: none recorded, or due before today.
            & _done_since(FactKind.INTERNAL_AUDIT, on_time_since(months=audit_rules.internal_audit_months(),
                                                                 today=today))
            & _done_since(FactKind.MANAGEMENT_REVIEW, on_time_since(months=cfg["review_months"], today=today))
            & ~Q(pk__in=legal_overdue_ids(today=today))
            & ~Q(pk__in=capa_overdue_ids(today=today))
            # rules.objectives_level for an announced agency: red without objectives this year, or when the share
            # achieved is below the amber share; none measured yet is amber.
            & Q(pk__in=agency_ids_by_share(year=today.year, at_least=cfg["objectives_amber_share"])))
