"""Each area's duties, with dates worked out by hand from the law's periods (isogov/conf.py defaults)."""
import datetime as dt

import pytest
from django.utils import timezone

from isogov.capa import services as capa_services
from isogov.capa.tests.helpers import analysed, awaiting, open_nc, with_action
from isogov.documents.tests.helpers import make_legal
from isogov.home.tests.test_home import in_review
from isogov.inspections import services as inspection_services
from isogov.inspections.tests.helpers import approved_plan
from isogov.qms import services as qms_services
from isogov.qms.tests.helpers import announce, walk_to_confirmed
from isogov.reviews import services as review_services
from isogov.reviews.tests.helpers import held
from isogov.risks import services as risk_services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def of(module, agency, today=TODAY):
    return sorted(((d.kind, d.due, d.actor) for d in module.duties(agency_ids=[agency.pk], today=today)),
                  key=lambda t: (t[0], t[1] or dt.date.min))


def test_qms_announcement_to_sign_then_notice_then_reannouncement(province):
    from isogov.qms import duties

    p = province
    assert of(duties, p.d842) == []  # not started: nothing to sign
    walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)
    assert of(duties, p.d842) == [("qms.announce", None, "head")]
    a = announce(p.d842, p.alice)  # recorded without the notice to the lead unit
    assert a.notified_on is None
    assert of(duties, p.d842) == [("qms.notify", None, "secretary")]
    qms_services.mark_scope_changed(agency=p.d842, actor=p.alice, note="Thêm thủ tục")
    assert of(duties, p.d842) == [("qms.notify", None, "secretary"), ("qms.reannounce", None, "head")]


def test_internal_audit_due_twelve_months_after_the_last(province):
    from isogov.audits import duties

    p = province
    assert of(duties, p.d842) == []  # not applying yet: no audit due
    walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)  # last internal audit 02/03/2020
    assert of(duties, p.d842) == [("audits.internal", dt.date(2021, 3, 2), "secretary")]
    from isogov.qms.tests.factories import QmsFactFactory

    QmsFactFactory(agency=p.d842, actor=p.alice, date=dt.date(2024, 2, 29))  # a leap day: due 28/02/2025
    assert of(duties, p.d842) == [("audits.internal", dt.date(2025, 2, 28), "secretary")]


def test_management_review_due_and_its_actions(province):
    from isogov.reviews import duties

    p = province
    walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)  # last review 06/04/2020
    assert of(duties, p.d842) == [("reviews.periodic", dt.date(2021, 4, 6), "head")]
    review = held(p.d842, p.alice, date=dt.date(2025, 11, 30))  # held: due 30/11/2026
    review_services.action_add(review=review, actor=p.alice, kind="improvement", description="Số hoá hồ sơ",
                               owner="Văn phòng", due_date=dt.date(2026, 1, 15))
    assert of(duties, p.d842) == [("reviews.action", dt.date(2026, 1, 15), "secretary"),
                                  ("reviews.periodic", dt.date(2026, 11, 30), "head")]


def test_documents_in_review_and_legal_texts(province):
    from isogov.documents import duties

    p = province
    in_review(p.d842, p.alice)
    make_legal(p.d842, p.alice, code="VB-30", effective_on=dt.date(2025, 11, 30))  # + 3 months: 28/02/2026
    got = of(duties, p.d842, today=dt.date(2026, 2, 1))
    assert ("documents.approve", None, "head") in got
    assert ("documents.legal", dt.date(2026, 2, 28), "secretary") in got
    incorporated = make_legal(p.d842, p.alice, code="VB-31", effective_on=dt.date(2025, 1, 1),
                              incorporated_on=dt.date(2025, 2, 1))
    assert not [d for d in duties.duties(agency_ids=[p.d842.pk], today=TODAY) if d.key.endswith(f":{incorporated.pk}")
                and d.kind == "documents.legal"]


def test_capa_steps_actions_and_response_due(province):
    from isogov.capa import duties

    p = province
    draft = open_nc(p.d842, p.alice)
    capa_services.nonconformity_set_response_due(nc=draft, actor=p.alice, due=dt.date(2026, 5, 4))
    analysed(p.c29242, p.alice)
    _nc, action = with_action(p.c29245, p.alice, due=TODAY + dt.timedelta(days=10))
    verify, _a = awaiting(p.d844, p.bob)
    assert of(duties, p.d842) == [("capa.analyse", dt.date(2026, 5, 4), "secretary")]
    assert of(duties, p.c29242) == [("capa.adopt", None, "head")]
    # An action is due from the plan on; before, the plan (the head's) is what waits.
    assert of(duties, p.c29245) == [("capa.adopt", None, "head")]
    capa_services.nonconformity_step(nc=_nc, actor=p.alice_head, to_state="action_plan")
    assert of(duties, p.c29245) == [("capa.action", TODAY + dt.timedelta(days=10), "secretary")]
    assert of(duties, p.d844) == [("capa.verify", None, "head")]


def test_risk_review_and_treatment(province):
    from isogov.risks import duties

    p = province
    risk = risk_services.risk_create(agency=p.d842, actor=p.alice, kind="risk", description="Mất hồ sơ giấy",
                                     likelihood=3, impact=4, owner="Văn phòng", review_date=dt.date(2026, 9, 30))
    risk_services.action_add(risk=risk, actor=p.alice, description="Quét hồ sơ", owner="Văn phòng",
                             due_date=dt.date(2026, 7, 31))
    assert of(duties, p.d842) == [("risks.action", dt.date(2026, 7, 31), "secretary"),
                                  ("risks.review", dt.date(2026, 9, 30), "secretary")]


def test_objectives_to_set_for_the_year(province):
    from isogov.objectives import duties

    p = province
    assert of(duties, p.d842) == []
    walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)
    assert of(duties, p.d842) == [("objectives.set", None, "secretary")]


def test_inspection_report_due_two_months_after_the_record(province):
    from isogov.inspections import duties

    p = province
    plan = approved_plan(p, year=TODAY.year, onsite=[p.d842], decision_date=dt.date(TODAY.year, 1, 2))
    inspection = plan.inspections.get(agency=p.d842)
    inspection_services.finding_add(actor=p.inspector, inspection=inspection, point="5", grade="minor",
                                    description="Thiếu hồ sơ")
    assert of(duties, p.d842) == []  # no record yet: the two months have not started
    record = dt.date(TODAY.year, 1, 31)  # + 2 months: the end of March
    inspection_services.inspection_record(actor=p.inspector, inspection=inspection, record_date=record)
    assert of(duties, p.d842) == [("inspections.report", dt.date(TODAY.year, 3, 31), "secretary")]


def test_programme_activities_of_an_approved_plan_until_done(province):
    """A draft plan hands out nothing; once approved each activity is due on its end date under its lead unit (the
    plan's, Sở KH&CN, when it names none), for the programme lead; done or cancelled, it is gone."""
    from isogov.programme import duties, services, services_activity
    from isogov.programme.models import ActivityStatus
    from isogov.programme.tests.factories import ActivityFactory, PlanFactory

    p = province
    plan = PlanFactory(province=p, start_year=2026, end_year=2026)
    own = ActivityFactory(plan=plan, actor=p.admin, end_date=dt.date(2026, 6, 30))
    led = ActivityFactory(plan=plan, actor=p.admin, end_date=dt.date(2026, 9, 30), lead_unit=p.stp)
    assert duties.duties(agency_ids=None, today=TODAY) == []
    services.plan_update(plan=plan, actor=p.admin, decision_number="12/QĐ-UBND", decision_date=dt.date(2026, 1, 5))
    services.plan_approve(plan=plan, actor=p.admin)
    assert of(duties, p.skhcn) == [("programme.activity", dt.date(2026, 6, 30), "admin")]
    assert of(duties, p.stp) == [("programme.activity", dt.date(2026, 9, 30), "admin")]
    services_activity.activity_report_progress(activity=own, actor=p.admin, status=ActivityStatus.DONE, progress=100)
    assert of(duties, p.skhcn) == [] and [d.key for d in duties.duties(agency_ids=None, today=TODAY)] == [
        f"programme.activity:{led.pk}"]


def test_the_annual_report_is_due_on_31_december_until_its_text_is_dated(province):
    from isogov.reports import duties, services

    p = province
    today = dt.date(2026, 12, 2)
    assert of(duties, p.skhcn, today) == [("reports.annual", dt.date(2026, 12, 31), "admin")]
    assert of(duties, p.d842, today) == []  # filed under the programme lead unit only
    services.text_save(actor=p.admin, year=2026, agency=None, proposals="Tăng kinh phí")
    assert of(duties, p.skhcn, today) != []  # written, not yet signed
    services.text_save(actor=p.admin, year=2026, agency=None, signed_on=dt.date(2026, 12, 20))
    assert of(duties, p.skhcn, today) == []
