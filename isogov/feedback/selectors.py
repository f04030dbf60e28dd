"""Reads of citizen feedback. Callers pass an agency they obtained through the access helper.

satisfaction_summary and complaints_summary are inputs of the management review (ISO 9001, 9.3.2).
"""
import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from isogov.feedback.filters import ComplaintFilter
from isogov.feedback.models import Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.registry.models import Agency


def _rate(satisfied: int, surveyed: int) -> float | None:
    return round(100 * satisfied / surveyed, 1) if surveyed else None


def satisfaction_summary(*, agency: Agency, since: dt.date) -> dict:
    """Survey results whose period ends on or after `since`: overall and per procedure (None: the whole agency).

    {"surveyed", "satisfied", "rate" (percent, one decimal, None without data), "surveys",
     "by_procedure": [{"procedure_id", "code", "name", "surveyed", "satisfied", "rate"}, ...]}
    """
    rows = list(
        SatisfactionSurvey.objects.filter(agency=agency, period_end__gte=since).order_by()
        .values("procedure_id", "procedure__code", "procedure__name")
        .annotate(surveyed=Sum("surveyed"), satisfied=Sum("satisfied"), surveys=Count("id"))
        .order_by("procedure__code")
    )
    surveyed = sum(r["surveyed"] for r in rows)
    satisfied = sum(r["satisfied"] for r in rows)
    return {
        "surveyed": surveyed,
        "satisfied": satisfied,
        "rate": _rate(satisfied, surveyed),
        "surveys": sum(r["surveys"] for r in rows),
        "by_procedure": [
            {"procedure_id": r["procedure_id"], "code": r["procedure__code"] or "", "name": r["procedure__name"] or "",
             "surveyed": r["surveyed"], "satisfied": r["satisfied"], "rate": _rate(r["satisfied"], r["surveyed"])}
            for r in rows
        ],
    }


def complaints_summary(*, agency: Agency, since: dt.date) -> dict:
    """Complaints received on or after `since`: how many, how many answered, how many still open, and how
    many led to a nonconformity; `open_total` counts every unanswered complaint, however old."""
    qs = Complaint.objects.filter(agency=agency)
    return qs.aggregate(
        received=Count("id", filter=Q(received_on__gte=since)),
        handled=Count("id", filter=Q(received_on__gte=since, status=ComplaintStatus.HANDLED)),
        open=Count("id", filter=Q(received_on__gte=since, status=ComplaintStatus.RECEIVED)),
        nonconformities=Count("id", filter=Q(received_on__gte=since, nonconformity__isnull=False)),
        open_total=Count("id", filter=Q(status=ComplaintStatus.RECEIVED)),
    )


def complaints(*, agency: Agency, data=None) -> ComplaintFilter:
    """The agency's complaints, newest first, filtered by the list's query `data`: `.form`, `.qs`."""
    qs = Complaint.objects.filter(agency=agency).select_related("agency", "procedure", "nonconformity")
    return ComplaintFilter(data, queryset=qs.order_by("-received_on", "-id"))


def surveys(*, agency: Agency) -> QuerySet[SatisfactionSurvey]:
    return SatisfactionSurvey.objects.filter(agency=agency).select_related("procedure").order_by("-period_end", "id")


def quarterly_rates(*, agency: Agency, today: dt.date, quarters: int = 8) -> list[dict]:
    """Satisfaction per calendar quarter (by the period's end) over the last `quarters`, for the chart."""
    current = (today.year, (today.month - 1) // 3 + 1)
    keys = []
    year, q = current
    for _ in range(quarters):
        keys.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    keys.reverse()
    first_year, first_q = keys[0]
    start = dt.date(first_year, 3 * (first_q - 1) + 1, 1)
    totals = {k: [0, 0] for k in keys}
    for end, surveyed, satisfied in SatisfactionSurvey.objects.filter(
            agency=agency, period_end__gte=start).values_list("period_end", "surveyed", "satisfied"):
        key = (end.year, (end.month - 1) // 3 + 1)
        if key in totals:
            totals[key][0] += surveyed
            totals[key][1] += satisfied
    return [{"label": f"Q{q}/{y}", "surveyed": totals[(y, q)][0], "rate": _rate(totals[(y, q)][1], totals[(y, q)][0])}
            for y, q in keys]
