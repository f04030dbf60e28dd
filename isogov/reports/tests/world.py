"""A small province whose 2020 annual report is worked out by hand (the conftest province, three tiers).

As the records stood at the end of 31/12/2020:
  Province tier (both must apply)
    SKHCN  building since 01/03/2019, announced 01/06/2020, internal audit 01/05/2020, review 20/05/2020:
           announced, maintaining, compliant; two of its staff trained (05/10/2020): covered by the training.
    STP    building since 01/02/2020; a legal text due 01/06/2020 not brought in (it is on 10/01/2021): building,
           legal text overdue; one person trained on 05/10/2020 (fewer than the two that cover an agency).
  District tier (both must apply)
    842    announced 01/05/2019, last audit 01/06/2019 and review 10/06/2019 (over 12 months before 31/12/2020):
           announced, not maintaining; a nonconformity of 01/09/2020 whose action was due 30/11/2020 and not done:
           corrective action overdue; inspected on site (record 15/11/2020: one minor finding, one observation).
    844    building from 31/12/2020 at 23:30 (still that day): building.
  Commune tier (none must apply): 29242, 29245, 29278, nothing started: not started.
  Totals: 7 agencies, 4 must apply, 2 announced (50,0 %), 1 maintaining (25,0 %), 2 building, 3 not started;
  compliant 1, corrective action overdue 1, legal text overdue 1, covered by the training 1.
  The year's own counts: 1 training session in 2020 (3 people, all completed, from 2 agencies; the 2019 session
  is not counted); the 2020 inspection plan: 1 agency on site, inspected 1, records checked 1 (STP), 2 findings
  (minor 1, observation 1), 1 nonconformity opened, none closed; the plan of programme/tests/helpers.build_plan:
  estimate 104.500.000, allocated 99.500.000, disbursed 40.500.000 by 31/12 (conference 24.500.000, maintenance
  12.000.000, planning 4.000.000), all paid in 2020.

`after(p)` then changes the data with facts dated after 31/12/2020, none of which may change the 2020 report.
"""
import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from isogov.capa.models import CorrectiveAction, Nonconformity, State
from isogov.capa.tests.helpers import with_action
from isogov.documents.models import Document, DocumentKind
from isogov.inspections import services as inspections
from isogov.inspections.models import Grade, RecordsResult
from isogov.inspections.tests.helpers import approved_plan
from isogov.programme import services_budget
from isogov.programme.tests.helpers import build_plan
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.registry.services import agency_create, agency_merge
from isogov.training.tests.helpers import course, session, trainee

D = dt.date


def at(day: dt.date, hour: int = 10, minute: int = 0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def move(agency, to_state, when, from_state=QmsState.NOT_STARTED):
    Transition.objects.create(agency=agency, from_state=from_state, to_state=to_state, at=when)


def announce(agency, day):
    return Announcement.objects.create(agency=agency, decision_number=f"1/QĐ-{agency.code}", decision_date=day,
                                       signed_file="announcements/x.pdf")


def fact(agency, kind, day):
    QmsFact.objects.create(agency=agency, kind=kind, date=day)


def build(p) -> SimpleNamespace:
    w = SimpleNamespace()
    Agency.objects.filter(tier__code="commune").update(mandatory=False)
    Agency.objects.exclude(tier__code="commune").update(mandatory=True)

    move(p.skhcn, QmsState.BUILDING, at(D(2019, 3, 1)))
    announce(p.skhcn, D(2020, 6, 1))
    fact(p.skhcn, FactKind.INTERNAL_AUDIT, D(2020, 5, 1))
    fact(p.skhcn, FactKind.MANAGEMENT_REVIEW, D(2020, 5, 20))

    move(p.stp, QmsState.BUILDING, at(D(2020, 2, 1)))
    w.law = Document.objects.create(agency=p.stp, code="L1", title="Luật Hộ tịch", kind=DocumentKind.EXTERNAL,
                                    legal_effective_on=D(2020, 3, 1), legal_due_on=D(2020, 6, 1))

    move(p.d842, QmsState.ANNOUNCED, at(D(2019, 5, 1)), QmsState.CONFIRMED)
    announce(p.d842, D(2019, 5, 1))
    fact(p.d842, FactKind.INTERNAL_AUDIT, D(2019, 6, 1))
    fact(p.d842, FactKind.MANAGEMENT_REVIEW, D(2019, 6, 10))
    w.nc, w.action = with_action(p.d842, p.alice, detected_on=D(2020, 9, 1), due=D(2020, 11, 30))

    move(p.d844, QmsState.BUILDING, at(D(2020, 12, 31), 23, 30))

    c = course(p)
    s2019 = session(c, start=D(2019, 11, 4))
    trainee(s2019, p.d842, "Nguyễn Văn An")
    s2020 = session(c, start=D(2020, 10, 5))
    trainee(s2020, p.skhcn, "Trần Văn Lâm")
    trainee(s2020, p.skhcn, "Phạm Thị Mai")
    trainee(s2020, p.stp, "Lê Thị Hoa")
    w.course = c

    w.inspection_plan = approved_plan(p, year=2020, onsite=[p.d842])
    inspection = w.inspection_plan.inspections.get(agency=p.d842)
    inspections.inspection_update(actor=p.admin, inspection=inspection, scheduled_on=D(2020, 11, 10))
    inspections.finding_add(actor=p.admin, inspection=inspection, point="5", grade=Grade.MINOR,
                            description="Thiếu hồ sơ đánh giá nội bộ")
    inspections.finding_add(actor=p.admin, inspection=inspection, point="10", grade=Grade.OBSERVATION,
                            description="Niêm yết chưa rõ")
    inspections.inspection_record(actor=p.admin, inspection=inspection, record_date=D(2020, 11, 15))
    inspections.records_check_set(actor=p.admin, plan=w.inspection_plan, agency=p.stp, checked_on=D(2020, 11, 20),
                                  passed=[], result=RecordsResult.SATISFACTORY)
    w.inspection = inspection

    w.programme = build_plan(p)
    return w


def after(p, w) -> None:
    """What happened after 31/12/2020, each fact dated in 2021 (or later) — and today's state moved with it."""
    announce(p.stp, D(2021, 3, 1))
    move(p.stp, QmsState.ANNOUNCED, at(D(2021, 3, 1)), QmsState.CONFIRMED)
    Agency.objects.filter(pk=p.stp.pk).update(qms_state=QmsState.ANNOUNCED)
    Document.objects.filter(pk=w.law.pk).update(incorporated_on=D(2021, 1, 10))
    fact(p.d842, FactKind.INTERNAL_AUDIT, D(2021, 2, 1))
    CorrectiveAction.objects.filter(pk=w.action.pk).update(done_on=D(2021, 1, 20))
    Nonconformity.objects.filter(pk=w.nc.pk).update(state=State.CLOSED, closed_on=D(2021, 2, 1))
    later = session(w.course, start=D(2021, 4, 1))
    trainee(later, p.stp, "Võ Văn Bình")
    trainee(later, p.stp, "Đặng Thị Cúc")
    inspections.records_check_set(actor=p.admin, plan=w.inspection_plan, agency=p.d844, checked_on=D(2021, 1, 5),
                                  passed=[], result=RecordsResult.TO_IMPROVE)
    services_budget.budget_disburse(line=w.programme.lines[1], actor=p.admin, amount=5_000_000,
                                    date=D(2021, 2, 1), note="Đợt 2")
    agency_create(actor=None, code="NEW", name="Sở mới", tier=p.tiers["province"], active_from=D(2021, 1, 1))
    agency_merge(actor=p.admin, agency=p.c29245, into=p.c29242, effective_date=D(2021, 7, 1))
