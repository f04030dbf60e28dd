"""Every service cleans what is typed (core.text.clean_text): no control character reaches the database.

Each test types the same hostile text (hostile.TYPED: control characters, Word's line break, decomposed
diacritics) into every text argument of an area's services, checks what was stored, and then scans every
text column of every isogov table. Audits, programme, documents and corrective actions: test_typed_text_records.py.
"""
import datetime as dt
from decimal import Decimal

import pytest

from isogov.core.tests.hostile import TYPED as T
from isogov.core.tests.hostile import TYPED_LINE as LINE
from isogov.core.tests.hostile import TYPED_LINES as LINES
from isogov.core.tests.hostile import assert_db_clean

pytestmark = pytest.mark.django_db
D = dt.date
T2, LINE2, LINES2 = "\x01Tra\u0302\u0300n\x0b\x1fBình ", "Trần Bình", "Trần\nBình"  # for the updates


def test_registry_and_accounts(province):
    from isogov.accounts.models import Role
    from isogov.accounts.services import user_create, user_update
    from isogov.audit.models import AuditEvent
    from isogov.conftest import PASSWORD
    from isogov.registry.services import agency_create, agency_merge, agency_update

    agency = agency_create(actor=province.admin, code="X\x01Y9", name=T, tier=province.tiers["commune"],
                           parent=province.d842, iso_secretary=T, email="x\x01y@travinh.gov.vn", phone="0294\x01 111")
    assert (agency.code, agency.name, agency.iso_secretary, agency.email, agency.phone) == (
        "XY9", LINE, LINE, "xy@travinh.gov.vn", "0294 111")
    agency = agency_update(actor=province.admin, agency=agency, name=T2, iso_secretary=T)
    assert agency.name == LINE2
    agency_merge(actor=province.admin, agency=agency, into=province.c29242, effective_date=D(2025, 7, 1), note=T)
    assert AuditEvent.objects.filter(note=LINE).exists()
    user = user_create(actor=province.admin, username="an\x01.nguyen", password=PASSWORD, role=Role.SECRETARY,
                       agency=province.d842, full_name=T, email="an\x01@travinh.gov.vn", phone="0294\x1f 222")
    assert (user.username, user.full_name, user.email, user.phone) == (
        "an.nguyen", LINE, "an@travinh.gov.vn", "0294 222")
    user = user_update(actor=province.admin, user=user, full_name=T2)
    assert user.full_name == LINE2
    assert assert_db_clean()


def test_training(province):
    from isogov.training import services
    from isogov.training.models import Topic

    course = services.course_create(actor=province.admin, title=T, topic=Topic.AWARENESS, organiser=province.skhcn,
                                    trainers=T, description=T)
    assert (course.title, course.trainers, course.description) == (LINE, LINE, LINES)
    course = services.course_update(actor=province.admin, course=course, title=T2, topic=Topic.AWARENESS,
                                    organiser=province.skhcn, trainers=T, description=T2)
    assert (course.title, course.description) == (LINE2, LINES2)
    session = services.session_create(actor=None, course=course, start_date=D(2020, 6, 15), place=T, trainer=T, note=T)
    assert (session.place, session.trainer, session.note) == (LINE, LINE, LINE)
    trainee = services.trainee_add(actor=None, session=session, agency=province.d842, full_name=T, position=T,
                                   completed=True, certificate_number="CC\x01-01")
    assert (trainee.full_name, trainee.position, trainee.certificate_number) == (LINE, LINE, "CC-01")
    assert assert_db_clean()


def test_feedback(province):
    from isogov.feedback import services

    complaint = services.complaint_record(agency=province.d842, actor=province.alice, received_on=D(2025, 3, 1),
                                          channel="phone", content=T, citizen_name=T)
    assert (complaint.content, complaint.citizen_name) == (LINES, LINE)
    complaint = services.complaint_respond(complaint=complaint, actor=province.alice, responded_on=D(2025, 3, 5),
                                           response=T)
    assert complaint.response == LINES
    survey = services.survey_record(agency=province.d842, actor=province.alice, period_start=D(2025, 1, 1),
                                    period_end=D(2025, 3, 31), surveyed=10, satisfied=9, method=T)
    assert survey.method == LINE
    assert assert_db_clean()


def test_qms(province):
    from isogov.core.tests.files import pdf
    from isogov.qms import services
    from isogov.qms.models import FactKind
    from isogov.qms.tests.helpers import walk_to_confirmed

    procedure = services.procedure_create(actor=None, code="1.00\x011234", name=T, field=T)
    assert (procedure.code, procedure.name, procedure.field) == ("1.001234", LINE, LINE)
    fact = services.fact_record(agency=province.stp, actor=province.charlie, kind=FactKind.INTERNAL_AUDIT,
                                date=D(2020, 3, 2), note=T)
    assert fact.note == LINE
    step = services.agency_transition(agency=province.stp, actor=province.charlie, to_state="building", note=T)
    assert step.note == LINE
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    announcement = services.agency_announce(agency=agency, actor=province.alice, decision_number="15/QĐ\x01-UBND",
                                            decision_date=D(2020, 5, 4), signed_file=pdf("quyết\x01 định.pdf"),
                                            signer=T, website_url="https://travinh.gov.vn/iso\x01")
    assert (announcement.decision_number, announcement.signer) == ("15/QĐ-UBND", LINE)
    assert announcement.website_url == "https://travinh.gov.vn/iso"
    assert assert_db_clean()


def test_reviews(province):
    from isogov.reviews import services

    review = services.review_plan(agency=province.d842, actor=province.alice, date=D(2026, 3, 10), chair=T,
                                  participants=T + "\r\nLê Thị\x0bHoa")
    assert (review.chair, review.participants) == (LINE, "Nguyễn Văn\nAn\nLê Thị\nHoa")
    item = review.agenda.first()
    assert services.agenda_note(item=item, actor=province.alice, notes=T).notes == LINES
    action = services.action_add(review=review, actor=province.alice, kind="improvement", description=T, owner=T,
                                 due_date=D(2026, 6, 30))
    assert (action.description, action.owner) == (LINE, LINE)
    assert assert_db_clean()


def test_objectives_and_risks(province):
    from isogov.objectives import services as objectives
    from isogov.risks import services as risks

    objective = objectives.objective_create(agency=province.d842, actor=province.alice, year=2025, title=T,
                                            comparator="ge", target=Decimal("98"), unit="percent", period="monthly",
                                            owner=T, note=T)
    assert (objective.title, objective.owner, objective.note) == (LINE, LINE, LINE)
    measurement = objectives.measurement_record(objective=objective, actor=province.alice, period_index=1,
                                                value=Decimal("97"), note=T)
    assert measurement.note == LINE
    risk = risks.risk_create(agency=province.d842, actor=province.alice, kind="risk", description=T, likelihood=3,
                             impact=3, owner=T, review_date=D(2027, 1, 1), process=T)
    assert (risk.description, risk.owner, risk.process) == (LINES, LINE, LINE)
    action = risks.action_add(risk=risk, actor=province.alice, description=T, owner=T, due_date=D(2027, 1, 1))
    assert (action.description, action.owner) == (LINE, LINE)
    assert assert_db_clean()


def test_events(province):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from isogov.events import services

    event = services.event_create(actor=province.admin, title=T, kind="launch", date=D(2020, 2, 20), place=T,
                                  organiser=province.skhcn, agenda=T, invited=[province.d842])
    assert (event.title, event.place, event.agenda) == (LINE, LINE, LINES)
    attendee = services.attendee_add(actor=province.admin, event=event, agency=province.d842, full_name=T, position=T)
    assert (attendee.full_name, attendee.position) == (LINE, LINE)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    material = services.material_add(actor=province.admin, event=event, title="",
                                     upload=SimpleUploadedFile("Biên\x01 bản\x0bhọp.pdf", pdf))
    assert material.title == "Biên bản họp"
    assert assert_db_clean()
