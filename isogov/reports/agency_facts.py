"""One agency's year, for its report to the lead unit: its records dated in that year, as they stood on 31/12.

A record added later but dated in the year counts (it says what happened then); a state change, a closure or a
legal text brought in after 31/12 does not.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from isogov.capa.models import CorrectiveAction, Nonconformity, State
from isogov.documents.models import Document, DocumentKind
from isogov.inspections.models import Finding, Inspection, RecordsCheck
from isogov.objectives.models import Objective
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.reports.rules import year_end
from isogov.training.models import Trainee


@dataclass
class AgencyYear:
    agency: Agency
    year: int
    state: str = QmsState.NOT_STARTED
    existed: bool = True
    announcement: Announcement | None = None
    audits: list[dt.date] = field(default_factory=list)
    reviews: list[dt.date] = field(default_factory=list)
    nc_opened: int = 0
    nc_closed: int = 0
    nc_open: int = 0
    actions_overdue: int = 0
    legal_due: int = 0
    legal_in_time: int = 0
    legal_pending: int = 0
    objectives: int = 0
    objectives_met: int = 0
    objectives_missed: int = 0
    trainees: int = 0
    trained: int = 0
    inspection: Inspection | None = None
    findings: int = 0
    records_check: RecordsCheck | None = None

    @property
    def state_label(self) -> str:
        return str(QmsState(self.state).label)


def _end_of(day: dt.date) -> dt.datetime:
    """The last instant of `day` in the province's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def agency_year(agency: Agency, year: int) -> AgencyYear:
    ref, start = year_end(year), dt.date(year, 1, 1)
    out = AgencyYear(agency=agency, year=year)
    out.existed = (agency.active_from is None or agency.active_from <= ref) and (
        agency.ended_on is None or agency.ended_on >= start)
    last = Transition.objects.filter(agency=agency, at__lte=_end_of(ref)).order_by("-at", "-pk").first()
    out.state = last.to_state if last else QmsState.NOT_STARTED
    out.announcement = (Announcement.objects.filter(agency=agency, decision_date__lte=ref)
                        .order_by("-decision_date", "-pk").first())
    for fact in QmsFact.objects.filter(agency=agency, date__range=(start, ref)).order_by("date"):
        (out.audits if fact.kind == FactKind.INTERNAL_AUDIT else out.reviews).append(fact.date)
    _capa(out, start, ref)
    _legal(out, start, ref)
    row = Objective.objects.filter(agency=agency, year=year).aggregate(
        n=Count("pk"), met=Count("pk", filter=Q(year_achieved=True)), missed=Count("pk", filter=Q(year_achieved=False)))
    out.objectives, out.objectives_met, out.objectives_missed = row["n"], row["met"], row["missed"]
    row = Trainee.objects.filter(agency=agency, session__start_date__range=(start, ref)).aggregate(
        n=Count("pk"), done=Count("pk", filter=Q(completed=True)))
    out.trainees, out.trained = row["n"], row["done"]
    out.inspection = (Inspection.objects.filter(agency=agency, plan__year=year, record_date__lte=ref)
                      .select_related("plan").first())
    if out.inspection:
        out.findings = Finding.objects.filter(inspection=out.inspection).count()
    out.records_check = RecordsCheck.objects.filter(agency=agency, plan__year=year, checked_on__lte=ref).first()
    return out


def _capa(out: AgencyYear, start: dt.date, ref: dt.date) -> None:
    """Nonconformities detected in the year, closed in the year, still open on 31/12; actions overdue on 31/12."""
    ncs = Nonconformity.objects.filter(agency=out.agency, detected_on__lte=ref)
    # Cancelled by 31/12 (its step to "cancelled" is dated): no longer open then. Cancelled later: still open.
    cancelled = Q(state=State.CANCELLED, steps__to_state=State.CANCELLED, steps__at__lte=_end_of(ref))
    open_then = Q(closed_on__isnull=True) | Q(closed_on__gt=ref)
    row = ncs.aggregate(
        opened=Count("pk", filter=Q(detected_on__gte=start), distinct=True),
        closed=Count("pk", filter=Q(closed_on__range=(start, ref)), distinct=True),
        open=Count("pk", filter=open_then & ~Q(pk__in=ncs.filter(cancelled).values("pk")), distinct=True))
    out.nc_opened, out.nc_closed, out.nc_open = row["opened"], row["closed"], row["open"]
    out.actions_overdue = (CorrectiveAction.objects
                           .filter(nonconformity__in=ncs.filter(open_then).exclude(cancelled).values("pk"),
                                   due_date__lt=ref)
                           .filter(Q(done_on__isnull=True) | Q(done_on__gt=ref)).count())


def _legal(out: AgencyYear, start: dt.date, ref: dt.date) -> None:
    """Legal texts due in the year: brought in by their deadline, and those not brought in by 31/12."""
    row = (Document.objects.filter(agency=out.agency, kind=DocumentKind.EXTERNAL, legal_due_on__range=(start, ref))
           .aggregate(n=Count("pk"), in_time=Count("pk", filter=Q(incorporated_on__lte=F("legal_due_on"))),
                      pending=Count("pk", filter=Q(incorporated_on__isnull=True) | Q(incorporated_on__gt=ref))))
    out.legal_due, out.legal_in_time, out.legal_pending = row["n"], row["in_time"], row["pending"]

