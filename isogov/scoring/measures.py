"""Each measure, read from the dated records as they stood on 31 December of the year.

`facts(measure, agencies, year, criterion)` answers {agency id: Fact} with a fixed number of queries, whatever
the number of agencies: an agency's Fact says whether it meets the measure (None: not concerned), what the
records show (with a link), and what is still needed for it to be met, with the date it is needed by.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Max, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.core.dates import add_months
from isogov.documents.models import Document, DocumentKind
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency


@dataclass
class Todo:
    text: str
    due: dt.date | None


@dataclass
class Fact:
    met: bool | None  # None: the agency is not concerned by this measure this year
    text: str
    url: str = ""
    todo: list[Todo] = field(default_factory=list)


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def in_force_q(ref: dt.date) -> Q:
    """Agencies that must apply and existed on `ref`: created by then, not yet merged or dissolved."""
    return (Q(mandatory=True) & (Q(active_from__isnull=True) | Q(active_from__lte=ref))
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=ref)))


_URL_TEMPLATES: dict[tuple, str] = {}


def _url(name: str, code: str, anchor: str = "") -> str:
    # One reverse() per URL name, not one per agency and criterion: a year's score links thousands of facts.
    key = (get_urlconf(), get_script_prefix(), name)
    if key not in _URL_TEMPLATES:
        _URL_TEMPLATES[key] = reverse(name, args=["__code__"])
    return _URL_TEMPLATES[key].replace("__code__", quote(code, safe="")) + anchor


def announced(agencies: list[Agency], year: int, criterion) -> dict[int, Fact]:
    ref = year_end(year)
    last = {}
    for a in (Announcement.objects.filter(agency__in=[a.pk for a in agencies], decision_date__lte=ref)
              .order_by("agency_id", "decision_date", "pk").only("agency_id", "decision_number", "decision_date")):
        last[a.agency_id] = a
    out = {}
    for agency in agencies:
        url = _url("registry:agency_detail", agency.code, "#announcements")
        a = last.get(agency.pk)
        if a:
            out[agency.pk] = Fact(True, _("Announced by decision %(number)s of %(date)s.")
                                  % {"number": a.decision_number, "date": _d(a.decision_date)}, url)
        else:
            out[agency.pk] = Fact(False, _("No announcement decision dated on or before %(date)s.") % {"date": _d(ref)},
                                  url, [Todo(_("Sign and record the announcement decision"), ref)])
    return out


def maintaining(agencies: list[Agency], year: int, criterion) -> dict[int, Fact]:
    ref = year_end(year)
    since = add_months(ref, -criterion.months)  # a date after `since` is within the window
    rows = (QmsFact.objects.filter(agency__in=[a.pk for a in agencies], date__lte=ref).order_by()
            .values("agency_id")
            .annotate(audit=Max("date", filter=Q(kind=FactKind.INTERNAL_AUDIT)),
                      review=Max("date", filter=Q(kind=FactKind.MANAGEMENT_REVIEW))))
    last = {r["agency_id"]: r for r in rows}
    out = {}
    for agency in agencies:
        r = last.get(agency.pk, {})
        audit, review = r.get("audit"), r.get("review")
        todo = []
        if not audit or audit <= since:
            todo.append(Todo(_("Hold an internal audit"), ref))
        if not review or review <= since:
            todo.append(Todo(_("Hold a management review"), ref))
        text = _("Last internal audit %(audit)s, last management review %(review)s.") % {
            "audit": _d(audit), "review": _d(review)}
        out[agency.pk] = Fact(not todo, text, _url("registry:agency_detail", agency.code, "#lifecycle"), todo)
    return out


def legal_in_time(agencies: list[Agency], year: int, criterion) -> dict[int, Fact]:
    """Legal texts whose deadline falls in the year (deadlines stored on each text, documents.legal)."""
    ref = year_end(year)
    due = defaultdict(list)
    for d in (Document.objects.filter(agency__in=[a.pk for a in agencies], kind=DocumentKind.EXTERNAL,
                                      legal_due_on__gte=dt.date(year, 1, 1), legal_due_on__lte=ref)
              .order_by("legal_due_on", "code").only("agency_id", "code", "title", "legal_due_on", "incorporated_on")):
        due[d.agency_id].append(d)
    out = {}
    for agency in agencies:
        url = _url("documents:agency_index", agency.code)
        texts = due.get(agency.pk, [])
        if not texts:
            out[agency.pk] = Fact(None, _("No legal text falls due in %(year)s.") % {"year": year}, url)
            continue
        late = [d for d in texts if d.incorporated_on is None or d.incorporated_on > d.legal_due_on]
        todo = [Todo(_("Bring %(code)s “%(title)s” into the QMS") % {"code": d.code, "title": d.title}, d.legal_due_on)
                for d in late if d.incorporated_on is None]
        text = _("%(late)s of %(all)s legal text(s) due in %(year)s not brought in by their deadline.") % {
            "late": len(late), "all": len(texts), "year": year}
        out[agency.pk] = Fact(not late, text, url, todo)
    return out


def reannounced(agencies: list[Agency], year: int, criterion) -> dict[int, Fact]:
    """A change of scope (the QMS moved to "re-announcement due") must be followed by a re-announcement. The
    agency is concerned when such a change was pending at some time in the year; it meets the measure when none
    is pending on 31/12."""
    ref = year_end(year)
    start = dt.date(year, 1, 1)
    events = defaultdict(list)  # agency id: [(date, pending after this event)]
    for t in (Transition.objects.filter(agency__in=[a.pk for a in agencies], at__date__lte=ref)
              .filter(Q(to_state=QmsState.REANNOUNCE_DUE) | Q(from_state=QmsState.REANNOUNCE_DUE))
              .order_by("at", "pk").only("agency_id", "to_state", "at")):
        events[t.agency_id].append((timezone.localtime(t.at).date(), t.to_state == QmsState.REANNOUNCE_DUE))
    out = {}
    for agency in agencies:
        url = _url("registry:agency_detail", agency.code, "#announcements")
        history = events.get(agency.pk, [])
        pending_at_start = next((p for d, p in reversed(history) if d < start), False)
        changed = [d for d, p in history if p and d >= start]
        if not pending_at_start and not changed:
            out[agency.pk] = Fact(None, _("The scope did not change in %(year)s.") % {"year": year}, url)
            continue
        pending = history[-1][1]
        since = max(d for d, p in history if p)
        if pending:
            out[agency.pk] = Fact(False, _("The scope changed on %(date)s and has not been re-announced.")
                                  % {"date": _d(since)}, url, [Todo(_("Re-announce the QMS"), ref)])
        else:
            out[agency.pk] = Fact(True, _("Re-announced after the change of scope of %(date)s.") % {"date": _d(since)},
                                  url)
    return out


MEASURE_FACTS = {"announced": announced, "maintaining": maintaining, "legal_in_time": legal_in_time,
                 "reannounced": reannounced}
