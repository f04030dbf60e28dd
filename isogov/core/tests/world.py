"""A small province holding one object of every model for each of two district agencies, 842 and 844,
built through the services as people would (and audited as they would be).

Used by the route walk (test_every_agency_page.py) and by tests of what one agency sees of another, through
the fixtures below: a test module imports `world`, `world_media` and `media_storage` (which replaces the suite's
per-test media folder). The world is built once per module and rolled back at its end. Every text an agency's
objects carry holds its marker (MARK842, MARK844), so a test can say that no page
shown to one agency's staff mentions the other's records. Province-wide objects (the approved plan, the
training course) carry no marker: every signed-in user reads them.
"""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from isogov.accounts import services as accounts
from isogov.accounts.models import Role, User
from isogov.audits import records as audit_records
from isogov.audits import services as audits
from isogov.capa import action_services
from isogov.capa import services as capa
from isogov.clauses.models import Clause, Framework
from isogov.conftest import password_hash
from isogov.core.tests.files import pdf
from isogov.documents import services as documents
from isogov.documents.models import DocumentKind
from isogov.events import services as events
from isogov.events.models import EventKind
from isogov.feedback import services as feedback
from isogov.inspections import services as inspections
from isogov.notifications.models import Notification
from isogov.notifications.services import preference_update, run_reminders
from isogov.objectives import services as objectives
from isogov.objectives import services_onestop as onestop
from isogov.programme import services as programme
from isogov.programme import services_activity, services_budget
from isogov.programme.models import BudgetCategory
from isogov.qms import services as qms
from isogov.qms.models import FactKind
from isogov.registry.models import AgencyKind, Tier
from isogov.registry.services import agency_create
from isogov.registry.tiers import load_preset
from isogov.reviews import services as reviews
from isogov.risks import services as risks
from isogov.training import services as training
from isogov.training.models import Topic

PROCEDURES = {"842": "1.001193", "844": "1.001022"}


def marker(code: str) -> str:
    return f"MARK{code}"


def _framework() -> Framework:
    from isogov.clauses.loader import BUILTIN_DIR, load_framework

    return Framework.objects.filter(code="iso9001-2015").first() or load_framework(
        BUILTIN_DIR / "iso9001-2015.json")[0]


def _users(w, password: str) -> None:
    def user(username, role, agency=None):
        return User.objects.create(username=username, password=password, role=role, agency=agency,
                                   full_name=username.capitalize())

    w.lead = user("lead", Role.PROVINCE_ADMIN, w.skhcn)
    w.alice, w.alice_head = user("alice", Role.SECRETARY, w.d842), user("alice_head", Role.HEAD, w.d842)
    w.bob, w.bob_head = user("bob", Role.SECRETARY, w.d844), user("bob_head", Role.HEAD, w.d844)
    w.charlie = user("charlie", Role.SECRETARY, w.stp)
    w.inspector, w.viewer = user("inspector", Role.INSPECTOR), user("viewer", Role.VIEWER)
    w.national_viewer = user("national_viewer", Role.NATIONAL_VIEWER)
    w.viewer_844 = user("viewer_844", Role.PROVINCE_VIEWER, w.d844)
    w.viewer_842 = user("viewer_842", Role.PROVINCE_VIEWER, w.d842)


def _agencies(w) -> None:
    if not Tier.objects.exists():
        load_preset(Tier, "three-tier")
    tiers = {t.code: t for t in Tier.objects.all()}
    w.skhcn = agency_create(actor=None, code="SKHCN", name="Sở Khoa học và Công nghệ", tier=tiers["province"],
                            kind=AgencyKind.DEPARTMENT, is_programme_lead=True)
    w.stp = agency_create(actor=None, code="STP", name="Sở Tư pháp", tier=tiers["province"],
                          kind=AgencyKind.DEPARTMENT)
    w.d842 = agency_create(actor=None, code="842", name="Thành phố Trà Vinh", tier=tiers["district"],
                           kind=AgencyKind.DISTRICT_COMMITTEE, iso_secretary="Nguyễn Văn An")
    w.c29242 = agency_create(actor=None, code="29242", name="Phường 4", tier=tiers["commune"], parent=w.d842,
                             kind=AgencyKind.COMMUNE_COMMITTEE)
    w.d844 = agency_create(actor=None, code="844", name="Huyện Càng Long", tier=tiers["district"],
                           kind=AgencyKind.DISTRICT_COMMITTEE, iso_secretary="Trần Văn Bảo")
    w.c29278 = agency_create(actor=None, code="29278", name="Thị trấn Càng Long", tier=tiers["commune"],
                             parent=w.d844, kind=AgencyKind.COMMUNE_COMMITTEE)


def _agency_records(w, agency, secretary, head) -> SimpleNamespace:
    """Everything an agency keeps, one of each, written by its own secretary and head."""
    code, mark, today = agency.code, marker(agency.code), timezone.localdate()
    o = SimpleNamespace(agency=agency)
    last_year = today.year - 1
    # QMS: built, applied, confirmed and announced, with a procedure in scope.
    o.procedure = qms.procedure_create(actor=w.lead, code=PROCEDURES[code], name=f"Thủ tục {code}", field="Hộ tịch")
    qms.agency_transition(agency=agency, actor=secretary, to_state="building")
    o.scope_item = qms.scope_add(agency=agency, actor=secretary, procedure=o.procedure)
    qms.agency_transition(agency=agency, actor=secretary, to_state="applying")
    o.fact = qms.fact_record(agency=agency, actor=secretary, kind=FactKind.INTERNAL_AUDIT,
                             date=today - dt.timedelta(days=60), note=f"Đánh giá {mark}")
    qms.fact_record(agency=agency, actor=secretary, kind=FactKind.MANAGEMENT_REVIEW, date=today - dt.timedelta(days=50))
    qms.agency_transition(agency=agency, actor=head, to_state="confirmed")
    o.announcement = qms.agency_announce(agency=agency, actor=secretary, decision_number=f"15/QĐ-{mark}",
                                         decision_date=today - dt.timedelta(days=40), signed_file=pdf("cong-bo.pdf"),
                                         signer="Nguyễn Văn Bình")
    agency.refresh_from_db()
    # Documents: a legal text with its version 01 as a draft holding a file.
    o.document = documents.document_create(
        agency=agency, actor=secretary, code="VB-01", title=f"Nghị định một cửa {mark}", kind=DocumentKind.EXTERNAL,
        owner_name="Văn phòng", issuing_body="Chính phủ", legal_number="61/2018/NĐ-CP",
        legal_effective_on=today - dt.timedelta(days=30), file=pdf("nghi-dinh.pdf"))
    o.version = o.document.versions.get()
    # Quality objective with a measurement.
    o.objective = objectives.objective_create(agency=agency, actor=secretary, year=last_year,
                                              title=f"Hồ sơ đúng hạn {mark}", comparator="ge", target=Decimal(95),
                                              unit="percent", period="yearly")
    o.measurement = objectives.measurement_record(objective=o.objective, actor=secretary, period_index=1,
                                                  value=Decimal("97.5"))
    # Risk with an action.
    o.risk = risks.risk_create(agency=agency, actor=secretary, kind="risk", description=f"Trễ hạn {mark}",
                               likelihood=3, impact=4, owner="Văn phòng", review_date=today + dt.timedelta(days=90))
    o.risk_action = risks.action_add(risk=o.risk, actor=secretary, description=f"Nhắc việc {mark}", owner="Văn phòng",
                                     due_date=today + dt.timedelta(days=30))
    # Internal audit in progress: team, area, checklist, a finding.
    clauses = list(Clause.objects.filter(framework=w.framework, number__in=("7.5.3", "8.5.1")))
    o.audit = audits.audit_plan(agency=agency, actor=secretary, year=today.year, planned_month=today.month,
                                title=f"Đánh giá nội bộ {mark}", scope="Bộ phận một cửa", clauses=clauses)
    audits.audit_set_team(audit=o.audit, actor=secretary, lead_auditor=None, lead_auditor_name="Trần Thị Bích")
    o.area = audits.area_add(audit=o.audit, actor=secretary, name=f"Bộ phận một cửa {mark}", owner_name="Lê Văn Cường")
    o.audit = audits.audit_start(audit=o.audit, actor=secretary, audit_date=today - dt.timedelta(days=1))
    o.checklist_item = o.audit.checklist.order_by("id").first()
    o.finding = audit_records.finding_add(audit=o.audit, actor=secretary, grade="good_practice",
                                          clause=o.checklist_item.clause, description=f"Khảo sát QR {mark}")
    # Nonconformities: one with its plan under way, one verified and closed.
    o.nc = capa.nonconformity_open(agency=agency, actor=secretary, source="process_monitoring",
                                   description=f"Trả kết quả trễ {mark}", detected_on=today - dt.timedelta(days=20))
    capa.nonconformity_analyse(nc=o.nc, actor=secretary, whys=[("Vì sao?", f"Chuyển giấy {mark}")])
    o.action = action_services.action_add(nc=o.nc, actor=secretary, description=f"Dùng phần mềm {mark}",
                                          owner_name="Lê Văn Tư", due_date=today + dt.timedelta(days=10))
    capa.nonconformity_step(nc=o.nc, actor=head, to_state="action_plan")
    closed = capa.nonconformity_open(agency=agency, actor=secretary, source="inspection",
                                     description=f"Thiếu biểu mẫu {mark}", detected_on=today - dt.timedelta(days=20))
    capa.nonconformity_analyse(nc=closed, actor=secretary, whys=[("Vì sao?", "Chưa rà soát")])
    done = action_services.action_add(nc=closed, actor=secretary, description=f"Bổ sung biểu mẫu {mark}",
                                      owner_name="Lê Văn Tư", due_date=today)
    capa.nonconformity_step(nc=closed, actor=head, to_state="in_progress")
    action_services.action_complete(action=done, actor=secretary, done_on=today - dt.timedelta(days=2),
                                    evidence=f"Biểu mẫu mới {mark}")
    capa.nonconformity_step(nc=closed, actor=secretary, to_state="awaiting_verification")
    o.verification = capa.nonconformity_verify(nc=closed, actor=head, verdict="effective", note=f"Đã đủ {mark}")
    o.closed_nc = closed
    # Management reviews: one held with an output action, one planned.
    held = reviews.review_plan(agency=agency, actor=secretary, date=today - dt.timedelta(days=10),
                               chair=f"Chủ tịch {mark}", participants="Nguyễn Văn Bình")
    for item in held.agenda.all():
        reviews.agenda_note(item=item, actor=secretary, notes=f"Đã xem xét {mark}")
    o.review = reviews.review_hold(review=held, actor=secretary)
    o.agenda_item = o.review.agenda.order_by("position").first()
    o.review_action = reviews.action_add(review=o.review, actor=secretary, kind="improvement",
                                         description=f"Cải tiến {mark}", owner="Văn phòng",
                                         due_date=today + dt.timedelta(days=30))
    o.planned_review = reviews.review_plan(agency=agency, actor=secretary, date=today + dt.timedelta(days=20),
                                           chair=f"Chủ tịch {mark}", participants="Nguyễn Văn Bình")
    # Citizen feedback.
    o.complaint = feedback.complaint_record(agency=agency, actor=secretary, received_on=today - dt.timedelta(days=3),
                                            channel="one_stop", content=f"Trả trễ {mark}", citizen_name="Trần Văn C")
    o.survey = feedback.survey_record(agency=agency, actor=secretary, period_start=today - dt.timedelta(days=90),
                                      period_end=today - dt.timedelta(days=1), surveyed=100, satisfied=90,
                                      method=f"Phiếu khảo sát {mark}")
    # A dossier its one-stop-shop system pushed, and the API token the secretary made for it.
    received = today - dt.timedelta(days=10)
    o.dossier = onestop.dossiers_push(agency=agency, actor=secretary, records=[onestop.Record(
        number=f"000.00.{agency.code[-2:]}.H59-{received:%y%m%d}-0001", procedure="1.001234", received=received,
        due=today - dt.timedelta(days=2), done=today - dt.timedelta(days=3))]) and agency.dossiers.get()
    o.token, _secret = accounts.token_create(actor=secretary, user=secretary, name=f"Một cửa {mark}",
                                             scope="read-write")
    return o


def _programme(w) -> None:
    """The province's plan, approved, with one activity per district (its own participants only), and a draft."""
    today = timezone.localdate()
    year = today.year
    plan = programme.plan_create(actor=w.lead, title="Kế hoạch duy trì ISO", start_year=year, end_year=year,
                                 decision_file=pdf("quyet-dinh.pdf"))
    w.programme_objective = programme.objective_create(plan=plan, actor=w.lead, title="Mọi cơ quan duy trì HTQLCL",
                                                       target_percent=100)
    for o in (w.own, w.foreign):
        mark = marker(o.agency.code)
        o.activity = services_activity.activity_create(
            plan=plan, actor=w.lead, title=f"Duy trì tại {mark}", start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31), lead_unit=w.skhcn, participants=[o.agency])
        o.line = services_budget.budget_line_create(activity=o.activity, actor=w.lead, description=f"Hỗ trợ {mark}",
                                                    category=BudgetCategory.MAINTENANCE, estimate=10_000_000,
                                                    allocated=10_000_000)
    plan = programme.plan_update(plan=plan, actor=w.lead, decision_number="99/QĐ-UBND", decision_date=today,
                                 signer="Nguyễn Văn A")
    w.plan = programme.plan_approve(plan=plan, actor=w.lead)
    for o in (w.own, w.foreign):
        mark = marker(o.agency.code)
        o.disbursement = services_budget.budget_disburse(line=o.line, actor=w.lead, amount=4_000_000, date=today,
                                                         note=f"Đợt 1 {mark}")
        o.evidence = services_activity.evidence_add(activity=o.activity, actor=w.lead, upload=pdf("bien-ban.pdf"),
                                                    note=f"Biên bản {mark}")
    w.draft_plan = programme.plan_create(actor=w.lead, title="Kế hoạch dự thảo", start_year=year + 1,
                                         end_year=year + 1, decision_file=pdf("du-thao.pdf"))


def _training_and_events(w) -> None:
    today = timezone.localdate()
    w.course = training.course_create(actor=w.lead, title="Nhận thức chung về TCVN ISO 9001:2015",
                                      topic=Topic.AWARENESS, organiser=w.skhcn, trainers="Phạm Quốc Bảo")
    w.session = training.session_create(actor=w.lead, course=w.course, start_date=today - dt.timedelta(days=30),
                                        end_date=None, place="Hội trường Sở KH&CN")
    for o in (w.own, w.foreign):
        mark = marker(o.agency.code)
        o.trainee = training.trainee_add(actor=w.lead, session=w.session, agency=o.agency, full_name=f"Học viên {mark}",
                                         position="Chuyên viên", is_iso_secretary=False, completed=True,
                                         certificate_number="")
        # An event each district alone is invited to.
        o.event = events.event_create(actor=w.lead, title=f"Hội nghị {mark}", kind=EventKind.LAUNCH,
                                      date=today - dt.timedelta(days=5), place="Hội trường", organiser=w.skhcn,
                                      agenda="1. Khai mạc", invited=[o.agency])
        o.attendee = events.attendee_add(actor=w.lead, event=o.event, agency=o.agency, full_name=f"Đại biểu {mark}")
        o.material = events.material_add(actor=w.lead, event=o.event, title=f"Tài liệu {mark}",
                                         upload=pdf("tai-lieu.pdf"))
    # And one both districts were invited to and came to: each sees the event, and only its own people on it.
    w.shared_event = events.event_create(actor=w.lead, title="Hội nghị sơ kết", kind=EventKind.LAUNCH,
                                         date=today - dt.timedelta(days=3), place="Hội trường", organiser=w.skhcn,
                                         agenda="1. Sơ kết", invited=[w.d842, w.d844])
    for o in (w.own, w.foreign):
        events.attendee_add(actor=w.lead, event=w.shared_event, agency=o.agency,
                            full_name=f"Đại biểu sơ kết {marker(o.agency.code)}")


def _inspections(w) -> None:
    """The year's inspection plan (the world's inspector leads it), both districts inspected on site, each with an
    answered point, a finding (its nonconformity opened in the district's register), a dated and signed record;
    STP checked on its records."""
    today = timezone.localdate()
    inspections.profile_set(actor=w.lead, user=w.inspector, degree="Cử nhân", state_management_certificate="QLNN",
                            auditor_certificate="ISO 9001", working_since=dt.date(2015, 1, 1))
    plan = inspections.plan_create(actor=w.lead, year=today.year, inspecting_unit="Chi cục TĐC",
                                   period_start=dt.date(today.year, 1, 1), period_end=dt.date(today.year, 12, 31),
                                   onsite_target=2, leader=w.inspector, team=[w.inspector])
    inspections.plan_set_onsite(actor=w.lead, plan=plan, agencies=[w.d842, w.d844])
    w.inspection_plan = inspections.plan_approve(actor=w.lead, plan=plan, decision_number="12/QĐ-SKHCN",
                                                 decision_date=today, mandatory=4, onsite_mandatory=2)
    for o in (w.own, w.foreign):
        mark = marker(o.agency.code)
        o.inspection = w.inspection_plan.inspections.get(agency=o.agency)
        inspections.inspection_update(actor=w.inspector, inspection=o.inspection, decision_number="15/QĐ-SKHCN",
                                      decision_date=today, scheduled_on=today, conclusions=f"Kết luận {mark}")
        inspections.answers_set(actor=w.inspector, inspection=o.inspection,
                                answers={"1": ("partial", f"Thiếu thủ tục {mark}")})
        o.inspection_finding = inspections.finding_add(actor=w.inspector, inspection=o.inspection, point="1",
                                                       grade="minor", description=f"Phạm vi thiếu {mark}")
        inspections.inspection_record(actor=w.inspector, inspection=o.inspection, record_date=today)
        inspections.signed_record_upload(actor=w.inspector, inspection=o.inspection, upload=pdf("bien-ban.pdf"))
        o.inspection_file = inspections.evidence_add(actor=w.inspector, inspection=o.inspection, point="10",
                                                     title=f"Ảnh bảng niêm yết {mark}", upload=pdf("niem-yet.pdf"))
    w.records_check = inspections.records_check_set(actor=w.inspector, plan=w.inspection_plan, agency=w.stp,
                                                    checked_on=today, passed=["R1"], result="satisfactory")


def _document_templates(w) -> None:
    """The minutes' template replaced by the lead (a copy of the default, which renders)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from isogov.core import official
    from isogov.doctemplates import services as doctemplates

    data = official.get("review_minutes").default.read_bytes()
    w.replacement = doctemplates.template_replace(actor=w.lead, key="review_minutes",
                                                  upload=SimpleUploadedFile("bien-ban.docx", data))


def _library(w) -> None:
    """The province's policy template, adopted by both districts and then revised (each owes the update), and a
    manual neither adopted (the walk's adoption)."""
    from isogov.library import services as library

    policy = {"purpose": "Công bố chính sách chất lượng.", "scope": "Toàn cơ quan.", "body": "Đúng hạn, minh bạch."}
    w.template = library.template_create(actor=w.lead, kind="policy", code="CS-01", title="Chính sách chất lượng",
                                         agency_kinds=["ubnd_huyen", "ubnd_xa"], sections=policy)
    w.manual = library.template_create(actor=w.lead, kind="manual", code="ST-01", title="Sổ tay chất lượng",
                                       agency_kinds=["ubnd_huyen"], sections={"purpose": "Mô tả HTQLCL."})
    for o, secretary in ((w.own, w.alice), (w.foreign, w.bob)):
        o.adoption = library.template_adopt(agency=o.agency, template=w.template, actor=secretary,
                                            owner_name="Văn phòng")
    library.template_version_publish(template=w.template, actor=w.lead, sections={**policy, "body": "Đúng hạn."},
                                     why="Rút gọn.", legal_basis="Nghị định 118/2025/NĐ-CP")


def _annual_reports(w) -> None:
    """The 2020 report's text: the province's (the lead) and 844's (its secretary), whose pages the walk requests."""
    from isogov.reports import services as reports

    reports.text_save(actor=w.lead, year=2020, agency=None, difficulties="Kinh phí còn hạn chế")
    reports.text_save(actor=w.bob, year=2020, agency=w.d844, proposals="Tập huấn thêm cho cấp xã")


def build_world(password: str) -> SimpleNamespace:
    """842 is the walker's own district (alice, alice_head), 844 the foreign one (bob, bob_head)."""
    w = SimpleNamespace()
    w.framework = _framework()
    _agencies(w)
    _users(w, password)
    w.own = _agency_records(w, w.d842, w.alice, w.alice_head)
    w.foreign = _agency_records(w, w.d844, w.bob, w.bob_head)
    _catalogue(w)
    _programme(w)
    _training_and_events(w)
    _inspections(w)
    _document_templates(w)
    _annual_reports(w)
    _library(w)
    _notifications(w)
    _jobs(w)
    _portal(w)
    return w


def _catalogue(w) -> None:
    """A decision applied (marriage registration for communes) and one waiting for the lead's confirmation; 844's
    commune takes the procedure into its scope, receives the province's text on it and moves to the next edition."""
    from isogov.catalogue import services as catalogue
    from isogov.qms.models import Procedure

    today = timezone.localdate()
    header = "Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện\n"
    death, marriage = "1.000656,Đăng ký khai tử,Hộ tịch,xã,UBND xã\n", "1.000894,Đăng ký kết hôn,Hộ tịch,xã,UBND xã\n"
    for number, rows in (("80/QĐ-UBND", death), ("90/QĐ-UBND", death + marriage)):  # the list, then a change
        applied = catalogue.publication_upload(actor=w.lead, number=number, decided_on=today,
                                               data=(header + rows).encode(), filename="danh-muc.csv")
        catalogue.publication_apply(actor=w.lead, publication=applied)
    w.publication = catalogue.publication_upload(actor=w.lead, number="100/QĐ-UBND", decided_on=today,
                                                 data=(header + death + marriage).encode(), filename="danh-muc.csv")
    marriage = Procedure.objects.get(code="1.000894")
    qms.scope_add(agency=w.c29278, actor=w.bob, procedure=marriage)
    w.legal_text = catalogue.legal_text_record(
        actor=w.lead, legal_number="12/2026/QĐ-UBND", title="Quyết định về đăng ký kết hôn", issuing_body="UBND tỉnh",
        issued_on=today - dt.timedelta(days=20), effective_on=today - dt.timedelta(days=10), procedures=[marriage])
    catalogue.edition_transition_record(agency=w.c29278, actor=w.bob, done_on=today)


def _notifications(w) -> None:
    """The day's reminders over the world's duties: bob (844's secretary) is told of one of 844's."""
    preference_update(actor=w.bob, user=w.bob, language="vi", email_due=False)
    run_reminders(today=timezone.localdate())
    w.bob_notification = Notification.objects.filter(user=w.bob, agency=w.d844).first()
    assert w.bob_notification is not None


def _jobs(w) -> None:
    """bob's finished export: only bob may see it (isogov/jobs)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from isogov.jobs.models import Job, Status

    now = timezone.now()
    name = default_storage.save("jobs/world/audit.csv", ContentFile(f"{marker('844')}\n".encode()))
    w.foreign.job = Job.objects.create(kind="audit.export", title=f"Export {marker('844')}", requested_by=w.bob,
                                       status=Status.DONE, result_file=name, result_name="audit.csv",
                                       finished_at=now, expires_at=now + dt.timedelta(days=7))


def _portal(w) -> None:
    """The portal's news: one published, one draft; and a day of visits (two numbers, nobody's)."""
    from isogov.portal import services as portal
    from isogov.portal.models import VisitDay

    w.news = portal.news_publish(actor=w.lead, news=portal.news_create(
        actor=w.lead, kind="news", title="Hội nghị sơ kết", summary="Kết quả năm", attachment=pdf("thong-bao.pdf")))
    w.draft_news = portal.news_create(actor=w.lead, kind="announcement", title="Thông báo dự thảo", body="Dự thảo")
    VisitDay.objects.create(day=timezone.localdate(), views=3, visitors=2)


# --- fixtures ------------------------------------------------------------------------------------------------


def _storages(location) -> dict:
    from django.conf import settings

    return {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                             "OPTIONS": {"location": str(location)}}}


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("world-media")


@pytest.fixture
def media_storage(settings, world_media):
    """Replaces the suite's per-test folder (same name): the world's files are stored once for the module."""
    settings.STORAGES, settings.MEDIA_ROOT = _storages(world_media), str(world_media)
    return world_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """The world, in a transaction of the module's own that the tests' transactions nest in."""
    with override_settings(STORAGES=_storages(world_media), MEDIA_ROOT=str(world_media), LANGUAGE_CODE="en"), \
            django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = build_world(password_hash())
            w.files = {str(p.relative_to(world_media)): p.read_bytes() for p in world_media.rglob("*") if p.is_file()}
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
