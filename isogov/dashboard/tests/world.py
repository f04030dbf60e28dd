"""A small province whose figures on 31/12/2020 are worked out by hand (test_figures.py says what each one is).

The conftest's province (three tiers: communes need not apply), with dated records:
- SKHCN (province): building 01/02/2019, announced 01/06/2019, internal audit 01/03/2020, management review
  01/04/2020; two people trained in June 2020. Maintaining and compliant.
- STP (province): building since 01/05/2020, not announced; a legal text due 01/04/2020 never brought in; on the
  2020 inspection plan on site, not inspected by 31/12.
- 842 (district): announced 01/03/2020; last internal audit 01/11/2019 (more than 12 months before 31/12/2020):
  announced but not maintaining; a corrective action due 01/10/2020 not done; one person trained; inspected on
  site, record of 15/10/2020 with a major finding (its nonconformity closed 01/12/2020) and an observation.
- 844 (district): no record at all: not started.
- 29242 (commune, need not apply): announced 01/08/2020, audit and review in autumn 2020: maintaining.
- 29245 (commune): not started. 29278 (commune): merged on 01/07/2020, so not counted on 31/12/2020.
- The 2020 plan: estimate 100,000,000 đ, allocated 80,000,000 đ, 30,000,000 đ disbursed on 01/06/2020.

`after()` changes records after 31/12/2020 (and the agencies' stored state), which must change nothing on that day.
"""
import datetime as dt

from django.utils import timezone

from isogov.capa.models import CorrectiveAction, Nonconformity, Source, State
from isogov.documents.models import Document, DocumentKind
from isogov.inspections.models import Finding, Grade, Inspection, InspectionPlan
from isogov.programme.models import Activity, BudgetLine, Disbursement, Plan, PlanStatus
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus
from isogov.registry.services import agency_create
from isogov.training.models import Course, Session, Trainee

D = dt.date
AS_OF = D(2020, 12, 31)


def at(day: dt.date, hour: int = 10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def move(agency, to_state, day, from_state=QmsState.NOT_STARTED):
    Transition.objects.create(agency=agency, from_state=from_state, to_state=to_state, at=at(day))


def announce(agency, day):
    Announcement.objects.create(agency=agency, decision_number=f"{day.day}/QĐ-{agency.code}", decision_date=day,
                                signed_file="announcements/x.pdf")
    move(agency, QmsState.ANNOUNCED, day, QmsState.CONFIRMED)


def maintain(agency, audit, review):
    QmsFact.objects.create(agency=agency, kind=FactKind.INTERNAL_AUDIT, date=audit)
    QmsFact.objects.create(agency=agency, kind=FactKind.MANAGEMENT_REVIEW, date=review)


def legal(agency, code, effective, due, incorporated=None):
    return Document.objects.create(agency=agency, code=code, title=f"Luật {code}", kind=DocumentKind.EXTERNAL,
                                   legal_effective_on=effective, legal_due_on=due, incorporated_on=incorporated)


def nonconformity(agency, number, detected, **kw):
    return Nonconformity.objects.create(agency=agency, number=number, source=Source.PROCESS_MONITORING,
                                        description="Hồ sơ trễ hạn", detected_on=detected, **kw)


def trainees(session, agency, *names):
    for name in names:
        Trainee.objects.create(session=session, course=session.course, agency=agency, full_name=name,
                               name_key=name.lower(), completed=True)


def build(p):
    w = p
    Agency.objects.filter(pk=p.c29278.pk).update(status=AgencyStatus.MERGED, ended_on=D(2020, 7, 1))
    move(p.skhcn, QmsState.BUILDING, D(2019, 2, 1))
    announce(p.skhcn, D(2019, 6, 1))
    maintain(p.skhcn, D(2020, 3, 1), D(2020, 4, 1))
    move(p.stp, QmsState.BUILDING, D(2020, 5, 1))
    w.stp_law = legal(p.stp, "L1", D(2020, 1, 1), D(2020, 4, 1))
    announce(p.d842, D(2020, 3, 1))
    maintain(p.d842, D(2019, 11, 1), D(2020, 6, 1))
    w.late_nc = nonconformity(p.d842, 1, D(2020, 9, 1), state=State.IN_PROGRESS)
    w.late_action = CorrectiveAction.objects.create(nonconformity=w.late_nc, description="Sửa quy trình",
                                                    owner_name="Lê Văn Tư", due_date=D(2020, 10, 1))
    announce(p.c29242, D(2020, 8, 1))
    maintain(p.c29242, D(2020, 9, 1), D(2020, 10, 1))

    course = Course.objects.create(title="ISO 9001:2015", organiser=p.skhcn)
    w.session = Session.objects.create(course=course, start_date=D(2020, 6, 15), end_date=D(2020, 6, 16),
                                       place="Sở KH&CN")
    trainees(w.session, p.skhcn, "Trần Văn Lâm", "Võ Thị Mai")
    trainees(w.session, p.d842, "Nguyễn Văn An")

    w.iplan = InspectionPlan.objects.create(year=2020, inspecting_unit="Chi cục TĐC", period_start=D(2020, 3, 1),
                                            period_end=D(2020, 11, 30), onsite_target=2)
    w.iplan.onsite.set([p.stp, p.d842])
    w.inspection = Inspection.objects.create(plan=w.iplan, agency=p.d842, scheduled_on=D(2020, 10, 15),
                                             record_date=D(2020, 10, 15))
    closed = nonconformity(p.d842, 2, D(2020, 10, 15), state=State.CLOSED, closed_on=D(2020, 12, 1))
    Finding.objects.create(inspection=w.inspection, point="1", grade=Grade.MAJOR, description="Thiếu",
                           nonconformity=closed)
    Finding.objects.create(inspection=w.inspection, point="2", grade=Grade.OBSERVATION, description="Nên")

    w.plan = Plan.objects.create(title="Kế hoạch 2020", start_year=2020, end_year=2020, lead_unit=p.skhcn,
                                 status=PlanStatus.APPROVED)
    activity = Activity.objects.create(plan=w.plan, number=1, title="Đào tạo", start_date=D(2020, 1, 1),
                                       end_date=D(2020, 12, 31))
    w.line = BudgetLine.objects.create(activity=activity, description="Hội trường", estimate=100_000_000,
                                       allocated=80_000_000)
    Disbursement.objects.create(line=w.line, amount=30_000_000, date=D(2020, 6, 1))
    return w


def after(w):
    """What happens from 01/01/2021 on, and today's stored state: none of it is a fact of 31/12/2020."""
    p = w
    announce(p.stp, D(2021, 2, 1))
    move(p.d844, QmsState.BUILDING, D(2021, 1, 1))
    Transition.objects.create(agency=p.skhcn, from_state=QmsState.MAINTAINING, to_state=QmsState.REANNOUNCE_DUE,
                              at=at(D(2021, 1, 1), 0))
    maintain(p.d842, D(2021, 1, 10), D(2021, 1, 11))
    CorrectiveAction.objects.filter(pk=w.late_action.pk).update(done_on=D(2021, 1, 5))
    Document.objects.filter(pk=w.stp_law.pk).update(incorporated_on=D(2021, 1, 15))
    late = nonconformity(p.skhcn, 1, D(2021, 1, 2), state=State.IN_PROGRESS)
    CorrectiveAction.objects.create(nonconformity=late, description="x", owner_name="x", due_date=D(2021, 1, 3))
    session = Session.objects.create(course=w.session.course, start_date=D(2021, 3, 1), end_date=D(2021, 3, 1),
                                     place="x")
    trainees(session, p.d842, "Phạm Thị Hoa")
    Inspection.objects.create(plan=w.iplan, agency=p.stp, scheduled_on=D(2021, 1, 20), record_date=D(2021, 1, 20))
    Disbursement.objects.create(line=w.line, amount=20_000_000, date=D(2021, 2, 1))
    agency_create(actor=None, code="NEW", name="Xã mới", tier=p.tiers["commune"], active_from=D(2021, 1, 1))
    Agency.objects.filter(pk=p.c29245.pk).update(qms_state=QmsState.MAINTAINING)
    Agency.objects.filter(pk=p.d844.pk).update(status=AgencyStatus.DISSOLVED, ended_on=D(2021, 6, 30))
