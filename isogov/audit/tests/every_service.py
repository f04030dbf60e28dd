"""Every service that writes the audit trail, each called once on the conftest province (issue 7, test 2).

A service added later that writes the trail belongs here too: test_every_writer checks that each writer module's
audit calls are reached (see WRITERS).
"""
import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from isogov.accounts import services as accounts
from isogov.accounts.models import Role
from isogov.audits import records as audit_records
from isogov.audits import services as audits
from isogov.audits.tests.factories import clauses
from isogov.capa import action_services
from isogov.capa import services as capa
from isogov.core.tests.files import PDF_BYTES, pdf
from isogov.core.tests.files import upload as document_upload
from isogov.doctemplates import services as doctemplates
from isogov.documents import services as documents
from isogov.documents import versioning
from isogov.events import services as events
from isogov.feedback import services as feedback
from isogov.inspections import services as inspections
from isogov.library import services as library
from isogov.notifications import services as notifications
from isogov.objectives import services as objectives
from isogov.objectives import services_onestop as onestop
from isogov.objectives.onestop import read_onestop
from isogov.objectives.tests.helpers import ONESTOP_CSV, READ_ON
from isogov.portal import services as portal
from isogov.programme import rollover, services_activity, services_budget
from isogov.programme import services as programme
from isogov.programme.models import ActivityStatus, BudgetCategory, Metric
from isogov.qms import models as qms_models
from isogov.qms import services as qms
from isogov.qms.models import FactKind
from isogov.registry import importing as registry_import
from isogov.registry import services as registry
from isogov.registry.tests.import_helpers import csv_bytes
from isogov.reports import services as reports
from isogov.reviews import services as reviews
from isogov.reviews.tests.helpers import complete_agenda
from isogov.risks import services as risks
from isogov.scoring import loader as scoring_loader
from isogov.training import importing as training_import
from isogov.training import services as training
from isogov.training.models import Topic

# The modules whose audit calls this runs, for the check that none is forgotten.
WRITERS = ("accounts.services", "audits.records", "audits.services", "capa.action_services", "capa.services",
           "documents.services", "documents.versioning", "events.services", "feedback.services",
           "objectives.services", "objectives.services_onestop", "programme.rollover", "programme.services",
           "programme.services_activity", "programme.services_budget", "qms.services", "registry.io_apply",
           "registry.services", "reviews.services", "risks.services", "training.importing", "training.services",
           "inspections.services", "scoring.loader", "doctemplates.services", "reports.services",
           "notifications.services", "portal.services", "library.services",
           "catalogue.services")


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def run_every_service(p) -> dict:
    """Call each writer once; returns the objects a test may want to look at."""
    made = {}
    d842, lead, alice, head = p.d842, p.admin, p.alice, p.alice_head

    # registry, accounts
    unit = registry.agency_create(actor=lead, code="29999", name="Phường Mới", tier=p.tiers["commune"], parent=d842)
    registry.agency_update(actor=lead, agency=unit, name="Phường Mới 1", parent=p.d844, email="pm@travinh.gov.vn")
    registry.agency_merge(actor=lead, agency=unit, into=p.d844, effective_date=days(-10), note="Sáp nhập")
    registry.tier_preset_load(actor=lead, name="two-tier")
    registry_import.import_agencies(actor=lead, filename="don-vi.csv", data=csv_bytes(
        [["29300", "Xã Nhập Khẩu", "Cấp xã", "844", "", "", "", "", ""],
         ["842", "Thành phố Trà Vinh", "Cấp huyện", "", "", "", "Nguyễn Văn Ba", "", ""]]))
    user = accounts.user_create(actor=lead, username="dung", password="Mot-Hai-Ba-4567", role=Role.SECRETARY,
                                agency=d842, full_name="Phạm Dũng", email="dung@travinh.gov.vn")
    accounts.user_update(actor=lead, user=user, agency=p.c29242, role=Role.HEAD, full_name="Phạm Văn Dũng")
    accounts.user_set_active(actor=lead, user=user, active=False)
    accounts.user_set_password(actor=lead, user=user, password="Bon-Nam-Sau-7890")
    token, _secret = accounts.token_create(actor=alice, user=alice, name="Hệ thống một cửa", scope="read-write",
                                           expires_on=days(30))
    accounts.token_revoke(actor=alice, token=token)

    # qms
    procedure = qms.procedure_create(actor=lead, code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch")
    qms.agency_transition(agency=d842, actor=alice, to_state="building")
    qms.scope_add(agency=d842, actor=alice, procedure=procedure)
    other = qms.procedure_create(actor=lead, code="2.000001", name="Chứng thực bản sao", field="Chứng thực")
    qms.scope_add(agency=d842, actor=alice, procedure=other)
    qms.scope_remove(agency=d842, actor=alice, procedure=other)
    qms.agency_transition(agency=d842, actor=alice, to_state="applying")
    qms.fact_record(agency=d842, actor=alice, kind=FactKind.INTERNAL_AUDIT, date=days(-60))
    qms.fact_record(agency=d842, actor=alice, kind=FactKind.MANAGEMENT_REVIEW, date=days(-50))
    qms.agency_transition(agency=d842, actor=head, to_state="confirmed")
    qms.agency_announce(agency=d842, actor=alice, decision_number="15/QĐ-UBND", decision_date=days(-40),
                        signed_file=pdf("Quyết định công bố.pdf"), signer="Nguyễn Văn Bình")

    # documents
    doc = documents.document_create(agency=d842, actor=alice, code="QT-01", title="Quy trình kiểm soát tài liệu",
                                    kind="process", owner_name="Văn phòng", owner_user=alice, procedure=procedure,
                                    clauses=clauses("7.5.3"), file=document_upload("Quy trình v1.pdf"))
    documents.document_update(document=doc, actor=alice, code="QT-01", title="Quy trình kiểm soát tài liệu (sửa)",
                              kind="process", owner_name="Văn phòng", owner_user=head, procedure=procedure,
                              clauses=clauses("7.5.3", "7.5.2"))
    v1 = doc.versions.get()
    versioning.version_update(version=v1, actor=alice, file=document_upload("Quy trình v1 sửa.pdf"))
    versioning.version_transition(version=v1, actor=alice, action="submit")
    versioning.version_transition(version=v1, actor=lead, action="approve")
    versioning.version_transition(version=v1, actor=head, action="publish", effective_on=days(-5))
    documents.document_mark_reviewed(document=doc, actor=alice, reviewed_on=days(-1))
    v2 = versioning.version_create(document=doc, actor=alice, change_summary="Sửa biểu mẫu",
                                   file=document_upload("Quy trình v2.pdf"))
    versioning.version_transition(version=v2, actor=alice, action="withdraw", reason="Không cần nữa")
    legal = documents.document_create(agency=d842, actor=alice, code="VB-01", title="Nghị định 61", kind="external",
                                      issuing_body="Chính phủ", legal_number="61/2018/NĐ-CP", owner_name="Văn phòng",
                                      legal_effective_on=days(-100), file=document_upload("nd61.pdf"))
    documents.document_incorporate(document=legal, actor=alice, incorporated_on=days(-20))
    type(legal).objects.filter(pk=legal.pk).update(legal_due_on=None)
    documents.legal_deadlines_recompute(actor=lead)
    made["document"] = doc

    # the template library: a policy adopted by 842 and its commune, revised; one takes it, the other records it
    policy = {"purpose": "Công bố chính sách chất lượng.", "body": "Đúng hạn, minh bạch."}
    template = library.template_create(actor=lead, kind="policy", code="CS-01", title="Chính sách chất lượng",
                                       agency_kinds=["ubnd_huyen", "ubnd_xa"], sections=policy)
    taken = library.template_adopt(agency=d842, template=template, actor=alice, owner_name="Văn phòng")
    handled = library.template_adopt(agency=p.c29242, template=template, actor=alice, owner_name="Văn phòng")
    library.template_version_publish(template=template, actor=lead, sections={**policy, "body": "Đúng hạn."},
                                     why="Rút gọn.", legal_basis="Nghị định 118/2025/NĐ-CP")
    first = taken.document.versions.get()
    versioning.version_transition(version=first, actor=alice, action="submit")
    versioning.version_transition(version=first, actor=head, action="approve")
    versioning.version_transition(version=first, actor=alice, action="publish", effective_on=days(-1))
    library.adoption_take_version(adoption=taken, actor=alice)
    library.adoption_mark_handled(adoption=handled, actor=alice, note="Đã cập nhật vào bản nháp.")

    # objectives
    objective = objectives.objective_create(agency=d842, actor=alice, year=2025, title="Hồ sơ đúng hạn",
                                            comparator="ge", target=Decimal("98"), unit="percent", period="monthly")
    objectives.objective_update(objective=objective, actor=alice, year=2025, title="Hồ sơ giải quyết đúng hạn",
                                comparator="ge", target=Decimal("95"), unit="percent", period="monthly")
    objectives.measurement_record(objective=objective, actor=alice, period_index=3, value=Decimal("97.5"))
    objectives.measurement_record(objective=objective, actor=alice, period_index=3, value=Decimal("96"))
    result = read_onestop(data=ONESTOP_CSV.encode(), filename="mot-cua.csv", year=2025, period="monthly",
                          today=READ_ON)
    objectives.measurements_import(objective=objective, actor=alice, result=result)
    objectives.measurement_delete(measurement=objective.measurements.get(period_index=3), actor=alice)
    # the one-stop shop's dossiers pushed by program: one created, then changed
    dossier = onestop.Record(number="000.00.42.H59-250102-0001", procedure="1.001193", received=dt.date(2025, 1, 2),
                             due=dt.date(2025, 1, 10))
    onestop.dossiers_push(agency=d842, actor=alice, records=[dossier])
    dossier.done = dt.date(2025, 1, 9)
    onestop.dossiers_push(agency=d842, actor=alice, records=[dossier], objective=objective)
    gone = objectives.objective_create(agency=d842, actor=alice, year=2025, title="Khảo sát hài lòng",
                                       comparator="ge", target=Decimal("80"), unit="percent", period="yearly")
    objectives.measurement_record(objective=gone, actor=alice, period_index=1, value=Decimal("85"))
    objectives.objective_delete(objective=gone, actor=alice)

    # risks
    risk = risks.risk_create(agency=d842, actor=alice, kind="risk", description="Hồ sơ bị thất lạc", likelihood=3,
                             impact=4, owner="Bộ phận một cửa", review_date=days(200), procedure=procedure)
    risks.risk_update(risk=risk, actor=alice, likelihood=2)
    action = risks.action_add(risk=risk, actor=alice, description="Lập sổ theo dõi", owner="Văn phòng",
                              due_date=days(30))
    risks.action_set_done(action=action, actor=alice, done=True)
    doomed = risks.risk_create(agency=d842, actor=alice, kind="opportunity", description="Số hóa hồ sơ",
                               likelihood=2, impact=2, owner="Văn phòng", review_date=days(100))
    risks.action_add(risk=doomed, actor=alice, description="Mua máy quét", owner="Văn phòng", due_date=days(60))
    risks.risk_delete(risk=doomed, actor=alice)
    made["deleted_risk"] = "Số hóa hồ sơ"

    # internal audits (and the nonconformities their report opens)
    audit = audits.audit_plan(agency=d842, actor=alice, year=timezone.localdate().year, planned_month=3,
                              title="Đánh giá nội bộ đợt 1", scope="Bộ phận một cửa",
                              clauses=clauses("7.5.3", "8.5.1"), procedures=[procedure])
    audits.audit_update(audit=audit, actor=alice, year=timezone.localdate().year, planned_month=4,
                        title="Đánh giá nội bộ đợt 1", scope="Bộ phận một cửa", clauses=clauses("7.5.3", "8.5.1"),
                        procedures=[])
    audits.audit_set_team(audit=audit, actor=alice, lead_auditor_name="Trần Thị Bích", auditor_names=["Lê Cường"])
    area = audits.area_add(audit=audit, actor=alice, name="Bộ phận một cửa", owner_name="Lê Văn Tư")
    spare = audits.area_add(audit=audit, actor=alice, name="Kho lưu trữ", owner_name="Lê Văn Năm")
    audits.area_remove(area=spare, actor=alice)
    audits.audit_start(audit=audit, actor=alice, audit_date=days(-3))
    item = audit.checklist.get(clause__number="7.5.3")
    audit_records.checklist_update(item=item, actor=alice, result="conform", notes="Đủ hồ sơ")
    finding = audit_records.finding_add(audit=audit, actor=alice, grade="minor", clause=item.clause,
                                        description="Biểu mẫu cũ", area=area)
    extra = audit_records.finding_add(audit=audit, actor=alice, grade="observation", clause=item.clause,
                                      description="Ghi chú thêm")
    audit_records.finding_remove(finding=extra, actor=alice)
    audits.audit_report(audit=audit, actor=alice, reported_on=days(-1), summary="Hệ thống phù hợp")
    cancelled = audits.audit_plan(agency=d842, actor=alice, year=timezone.localdate().year, planned_month=11,
                                  title="Đánh giá đợt 2", scope="Toàn bộ")
    audits.audit_cancel(audit=cancelled, actor=alice, reason="Trùng kế hoạch")
    made["audit"], made["finding"] = audit, finding

    # corrective actions
    nc = capa.nonconformity_open(agency=d842, actor=alice, source="process_monitoring",
                                 description="Hồ sơ trả trễ hạn", detected_on=days(-30), clause=item.clause)
    capa.nonconformity_update(nc=nc, actor=alice, description="Hồ sơ trả trễ hạn 3 ngày",
                              clause=clauses("8.5.1")[0], severity="minor")
    capa.nonconformity_analyse(nc=nc, actor=alice, whys=[("Vì sao trễ?", "Chuyển hồ sơ bằng giấy")],
                               root_cause="Chưa dùng phần mềm")
    owner_action = action_services.action_add(nc=nc, actor=alice, description="Dùng phần mềm một cửa",
                                              owner_name="Lê Văn Tư", due_date=days(10))
    dropped = action_services.action_add(nc=nc, actor=alice, description="Tập huấn lại", owner_name="Lê Văn Tư",
                                         due_date=days(12))
    action_services.action_update(action=dropped, actor=alice, description="Tập huấn lại cán bộ",
                                  due_date=days(14), owner_name="Lê Văn Tư")
    action_services.action_delete(action=dropped, actor=alice)
    capa.nonconformity_step(nc=nc, actor=head, to_state="action_plan")
    capa.nonconformity_step(nc=nc, actor=head, to_state="in_progress")
    action_services.action_complete(action=owner_action, actor=alice, done_on=days(-2), evidence="Phiếu kiểm soát")
    action_services.action_reopen(action=owner_action, actor=alice, due_date=days(20), note="Chưa đủ minh chứng")
    action_services.action_complete(action=owner_action, actor=alice, done_on=days(-1), evidence="Phiếu mới")
    capa.nonconformity_step(nc=nc, actor=alice, to_state="awaiting_verification")
    capa.nonconformity_verify(nc=nc, actor=lead, verdict="effective", note="Không còn hồ sơ trễ")
    finding.refresh_from_db()
    capa.nonconformity_cancel(nc=finding.nonconformity, actor=alice, reason="Trùng với phát hiện khác")
    made["nc"] = nc

    # management reviews
    review = reviews.review_plan(agency=d842, actor=alice, date=days(-7), chair="Nguyễn Văn Bình",
                                 participants="Nguyễn Văn Bình")
    reviews.review_update(review=review, actor=alice, date=days(-6), chair="Nguyễn Văn Bình",
                          participants="Nguyễn Văn Bình\nTrần Thị Cúc")
    complete_agenda(review, alice)
    reviews.review_hold(review=review, actor=alice)
    review_action = reviews.action_add(review=review, actor=alice, kind="improvement", description="Mở rộng phạm vi",
                                       owner="Văn phòng", due_date=days(90))
    reviews.action_set_done(action=review_action, actor=alice, done=True)
    planned = reviews.review_plan(agency=d842, actor=alice, date=days(30), chair="Nguyễn Văn Bình")
    reviews.action_add(review=planned, actor=alice, kind="resources", description="Bổ sung máy tính",
                       owner="Văn phòng", due_date=days(120))
    reviews.review_delete(review=planned, actor=alice)
    made["review"] = review

    # feedback
    complaint = feedback.complaint_record(agency=d842, actor=alice, received_on=days(-9), channel="phone",
                                          content="Trả kết quả trễ", procedure=procedure, citizen_name="Trần Văn A")
    feedback.complaint_respond(complaint=complaint, actor=alice, responded_on=days(-8), response="Đã xin lỗi")
    feedback.complaint_open_nonconformity(complaint=complaint, actor=alice)
    survey = feedback.survey_record(agency=d842, actor=alice, period_start=days(-90), period_end=days(-60),
                                    surveyed=100, satisfied=90, procedure=procedure, method="Phiếu giấy")
    feedback.survey_record(agency=d842, actor=alice, period_start=days(-59), period_end=days(-30), surveyed=50,
                           satisfied=45)
    feedback.survey_delete(survey=survey, actor=alice)

    # programme
    plan = programme.plan_create(actor=lead, title="Kế hoạch ISO 2020", start_year=2020, end_year=2020,
                                 lead_unit=p.skhcn, decision_file=pdf("Quyết định kế hoạch.pdf"))
    goal = programme.objective_create(plan=plan, actor=lead, title="Cấp huyện duy trì", metric=Metric.MAINTAINING,
                                      tier=p.tiers["district"], target_percent=50)
    programme.objective_update(objective=goal, actor=lead, target_percent=60)
    dropped_goal = programme.objective_create(plan=plan, actor=lead, title="Bỏ", metric=Metric.ANNOUNCED)
    programme.objective_delete(objective=dropped_goal, actor=lead)
    activity = services_activity.activity_create(plan=plan, actor=lead, title="Hội nghị triển khai",
                                                 start_date=dt.date(2020, 2, 1), end_date=dt.date(2020, 3, 31),
                                                 lead_unit=p.skhcn, participants=[p.stp, d842])
    services_activity.activity_update(activity=activity, actor=lead, participants=[p.stp, d842, p.d844],
                                      lead_unit=p.stp)
    spare_activity = services_activity.activity_create(plan=plan, actor=lead, title="Bỏ đi", lead_unit=p.skhcn,
                                                       start_date=dt.date(2020, 5, 1), end_date=dt.date(2020, 5, 2))
    services_activity.activity_delete(activity=spare_activity, actor=lead)
    evidence = services_activity.evidence_add(activity=activity, actor=lead, upload=pdf("Biên bản hội nghị.pdf"))
    services_activity.evidence_delete(evidence=evidence, actor=lead)
    services_activity.evidence_add(activity=activity, actor=lead, upload=pdf("Ảnh hội nghị.pdf"))
    line = services_budget.budget_line_create(activity=activity, actor=lead, description="Tổ chức hội nghị",
                                              category=BudgetCategory.CONFERENCE, estimate=24_500_000,
                                              allocated=24_500_000)
    services_budget.budget_line_update(line=line, actor=lead, estimate=25_000_000)
    spare_line = services_budget.budget_line_create(activity=activity, actor=lead, description="Dự phòng",
                                                    estimate=1_000_000)
    services_budget.budget_line_delete(line=spare_line, actor=lead)
    programme.plan_update(plan=plan, actor=lead, decision_number="99/QĐ-UBND", decision_date=dt.date(2020, 1, 15),
                          signer="Nguyễn Văn A", decision_file=pdf("Quyết định kế hoạch đã ký.pdf"))
    programme.plan_approve(plan=plan, actor=lead)
    services_activity.activity_report_progress(activity=activity, actor=lead, status=ActivityStatus.IN_PROGRESS,
                                               progress=40, notes="Đang chuẩn bị")
    paid = services_budget.budget_disburse(line=line, actor=lead, amount=5_000_000, date=dt.date(2020, 3, 20))
    services_budget.budget_reverse(disbursement=paid, actor=lead, reason="Ghi nhầm", amount=1_000_000)
    rollover.plan_draft_next(plan=plan, actor=lead, start_year=2021, end_year=2021)

    # training
    course = training.course_create(actor=lead, title="Nhận thức ISO 9001", topic=Topic.AWARENESS,
                                    organiser=p.skhcn, trainers="Phạm Quốc Bảo")
    training.course_update(actor=lead, course=course, title="Nhận thức chung về ISO 9001", topic=Topic.AWARENESS,
                           organiser=p.stp, trainers="Phạm Quốc Bảo")
    session = training.session_create(actor=lead, course=course, start_date=dt.date(2020, 6, 15),
                                      place="Hội trường")
    training.session_update(actor=lead, session=session, start_date=dt.date(2020, 6, 16), place="Hội trường lớn")
    trainee = training.trainee_add(actor=lead, session=session, agency=d842, full_name="Nguyễn Văn An")
    training.trainee_update(actor=lead, trainee=trainee, agency=p.c29242, full_name="Nguyễn Văn An", completed=True)
    training.trainee_remove(actor=lead, trainee=trainee)
    training_import.import_attendance(actor=lead, session=session, filename="diem-danh.csv", data=csv_bytes(
        [["1", "Thạch Thị Lan", "Công chức", "29242", "", "x", "02/2020"]],
        header=["STT", "Họ và tên", "Chức vụ", "Mã đơn vị", "Thư ký ISO", "Hoàn thành", "Số chứng chỉ"]))

    # events
    event = events.event_create(actor=lead, title="Hội nghị triển khai ISO", kind="launch", date=dt.date(2020, 2, 20),
                                place="Hội trường", organiser=p.skhcn, activity=activity, invited=[d842, p.stp])
    events.event_update(actor=lead, event=event, title="Hội nghị triển khai ISO 2020", kind="launch",
                        date=dt.date(2020, 2, 21), place="Hội trường", organiser=p.skhcn, activity=activity,
                        invited=[d842, p.stp, p.d844])
    events.attendance_set(actor=lead, event=event, attending=[d842])
    attendee = events.attendee_add(actor=lead, event=event, agency=p.stp, full_name="Lê Thị Hoa")
    events.attendee_remove(actor=lead, attendee=attendee)
    material = events.material_add(actor=lead, event=event, title="Tài liệu hội nghị",
                                   upload=SimpleUploadedFile("Tài liệu hội nghị.pdf", PDF_BYTES))
    events.material_remove(actor=lead, material=material)

    # inspections (activity 4) and the scoring rulesets
    inspections.profile_set(actor=lead, user=p.inspector, degree="Kỹ sư", state_management_certificate="QLNN",
                            auditor_certificate="ISO 9001", working_since=dt.date(2015, 1, 1))
    plan = inspections.plan_create(actor=lead, year=2020, inspecting_unit="Chi cục TĐC",
                                   period_start=dt.date(2020, 3, 1), period_end=dt.date(2020, 11, 30), onsite_target=2,
                                   leader=p.inspector, team=[p.inspector])
    inspections.plan_update(actor=lead, plan=plan, budget=15_000_000)
    inspections.plan_set_onsite(actor=lead, plan=plan, agencies=[p.stp, d842])
    inspections.plan_approve(actor=lead, plan=plan, decision_number="1/QĐ-UBND", decision_date=dt.date(2020, 3, 1),
                             mandatory=4, onsite_mandatory=2)
    inspection = plan.inspections.get(agency=d842)
    inspections.inspection_update(actor=p.inspector, inspection=inspection, scheduled_on=dt.date(2020, 4, 1),
                                  conclusions="Duy trì tốt.")
    inspections.answers_set(actor=p.inspector, inspection=inspection, answers={"5": ("nonconform", "Thiếu hồ sơ")})
    inspections.finding_add(actor=p.inspector, inspection=inspection, point="5", grade="minor", description="Thiếu")
    inspections.inspection_record(actor=p.inspector, inspection=inspection, record_date=dt.date(2020, 4, 2))
    inspections.signed_record_upload(actor=p.inspector, inspection=inspection, upload=pdf("bien-ban.pdf"))
    evidence = inspections.evidence_add(actor=p.inspector, inspection=inspection, point="10", title="Ảnh niêm yết",
                                        upload=pdf("niem-yet.pdf"))
    inspections.evidence_remove(actor=p.inspector, evidence=evidence)
    inspections.records_check_set(actor=p.inspector, plan=plan, agency=p.skhcn, checked_on=dt.date(2020, 5, 1),
                                  passed=["R1"], result="satisfactory")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ruleset.json"
        data = json.loads(scoring_loader.builtin_files()[0].read_text(encoding="utf-8"))
        for first_year in (2027, 2028):  # a new ruleset, then the same one changed
            path.write_text(json.dumps({**data, "code": "test-set", "first_year": first_year}), encoding="utf-8")
            scoring_loader.load_ruleset(path, actor=lead)
    # the annual reports' text: written, then changed
    for proposals in ("Tăng kinh phí", "Tăng kinh phí duy trì"):
        reports.text_save(actor=lead, year=2020, agency=None, proposals=proposals)
    reports.text_save(actor=p.alice, year=2020, agency=p.d842, difficulties="Thiếu nhân sự")

    # a document's Word template replaced twice, then the default again
    from isogov.core import official

    default = official.get("review_minutes").default.read_bytes()
    for name in ("bien-ban.docx", "bien-ban-2.docx"):
        doctemplates.template_replace(actor=lead, key="review_minutes", upload=SimpleUploadedFile(name, default))
    doctemplates.template_reset(actor=lead, key="review_minutes")

    # the province's catalogue: a decision cancelled, one applied (which renames a procedure through the QMS), an
    # agency accepting its proposed scope, a legal text pushed to it, its move to the next edition
    from isogov.catalogue import services as catalogue
    from isogov.catalogue.tests.factories import BIRTH, DEATH, MARRIAGE, csv_file

    def decision(number, *rows):
        return catalogue.publication_upload(actor=lead, number=number, decided_on=dt.date(2026, 11, 6),
                                            data=csv_file(*rows), filename="danh-muc.csv")

    catalogue.publication_cancel(actor=lead, publication=decision("99/QĐ-UBND", BIRTH))
    catalogue.publication_apply(actor=lead, publication=decision("100/QĐ-UBND", BIRTH, MARRIAGE))
    renamed = BIRTH.replace("khai sinh", "khai sinh (sửa đổi)")
    catalogue.publication_apply(actor=lead, publication=decision("101/QĐ-UBND", renamed, MARRIAGE, DEATH))
    birth = qms_models.Procedure.objects.get(code="1.001193")
    catalogue.scope_proposal_accept(agency=p.c29242, actor=alice, add=[birth], remove=[])
    catalogue.legal_text_record(actor=lead, legal_number="12/2026/QĐ-UBND", title="Quyết định khai sinh",
                                issuing_body="UBND tỉnh", issued_on=dt.date(2026, 1, 5),
                                effective_on=dt.date(2026, 1, 15), procedures=[birth])
    catalogue.edition_transition_record(agency=p.c29242, actor=alice, done_on=timezone.localdate())

    # notifications: a person's choices, changed; the daily reminder run
    notifications.preference_update(actor=alice, user=alice, language="vi")
    notifications.preference_update(actor=alice, user=alice, email_due=False)
    notifications.run_reminders(today=timezone.localdate())

    # the public portal's news: a draft with its attachment, changed, published, taken off
    news = portal.news_create(actor=lead, kind="news", title="Hội nghị triển khai", summary="Sáng 05/11",
                              attachment=pdf("giay-moi.pdf"))
    portal.news_update(actor=lead, news=news, kind="announcement", title="Thông báo hội nghị", summary="Sáng 05/11",
                       body="Kính mời.", attachment=pdf("giay-moi-2.pdf"))
    portal.news_publish(actor=lead, news=news)
    portal.news_unpublish(actor=lead, news=news)
    return made
