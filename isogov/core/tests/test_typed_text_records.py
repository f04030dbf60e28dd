"""Every service cleans what is typed, continued: audits, programme, documents, corrective actions.

See test_typed_text.py for the method.
"""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.core.tests.files import PDF_BYTES as PDF
from isogov.core.tests.hostile import TYPED as T
from isogov.core.tests.hostile import TYPED_LINE as LINE
from isogov.core.tests.hostile import TYPED_LINES as LINES
from isogov.core.tests.hostile import assert_db_clean

pytestmark = pytest.mark.django_db
D = dt.date


def test_internal_audits(province, iso2015):
    from isogov.audits import records, services
    from isogov.audits.tests.factories import clauses
    from isogov.audits.tests.helpers import days, item

    audit = services.audit_plan(agency=province.d842, actor=province.alice, year=days(0).year, planned_month=3,
                                title=T, scope=T, clauses=clauses("7.5.3", "8.5.1"))
    assert (audit.title, audit.scope) == (LINE, LINES)
    team = services.audit_set_team(audit=audit, actor=province.alice, lead_auditor_name=T,
                                   auditor_names=["Lê\x01 Văn\x0bBảy", "\x1f"])
    assert [m.name for m in team] == [LINE, "Lê Văn Bảy"]
    area = services.area_add(audit=audit, actor=province.alice, name=T, owner_name="Trần\x01 Thị Cúc")
    assert (area.name, area.owner_name) == (LINE, "Trần Thị Cúc")
    services.audit_start(audit=audit, actor=province.alice, audit_date=days(-1))
    checked = records.checklist_update(item=item(audit, "7.5.3"), actor=province.alice, result="conform", notes=T)
    assert checked.notes == LINES
    finding = records.finding_add(audit=audit, actor=province.alice, grade="minor",
                                  clause=item(audit, "8.5.1").clause, description=T)
    assert finding.description == LINES
    audit = services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary=T)
    assert audit.summary == LINES
    other = services.audit_plan(agency=province.d842, actor=province.alice, year=days(0).year, planned_month=4,
                                title="Đợt 2", scope="Một cửa")
    assert services.audit_cancel(audit=other, actor=province.alice, reason=T).cancel_reason == LINE
    assert assert_db_clean()


def test_programme(province):
    from isogov.programme import services, services_activity, services_budget

    lead = province.admin
    plan = services.plan_create(actor=lead, title=T, start_year=2026, end_year=2026, summary=T,
                                decision_number="99/QĐ\x01-UBND", signer=T)
    assert (plan.title, plan.summary, plan.decision_number, plan.signer) == (LINE, LINES, "99/QĐ-UBND", LINE)
    objective = services.objective_create(plan=plan, actor=lead, title=T, target_percent=100, note=T)
    assert (objective.title, objective.note) == (LINE, LINE)
    activity = services_activity.activity_create(plan=plan, actor=lead, title=T, start_date=D(2026, 2, 1),
                                                 end_date=D(2026, 3, 31), lead_unit=province.skhcn,
                                                 participants=[province.d842], deliverables=T, notes=T)
    assert (activity.title, activity.deliverables, activity.notes) == (LINE, LINES, LINES)
    line = services_budget.budget_line_create(activity=activity, actor=lead, description=T, category="conference",
                                              estimate=1_000_000, allocated=1_000_000, funding_source=T, note=T)
    assert (line.description, line.funding_source, line.note) == (LINE, LINE, LINE)
    plan = services.plan_update(plan=plan, actor=lead, decision_date=D(2026, 1, 15))
    services.plan_approve(plan=plan, actor=lead)
    activity = services_activity.activity_report_progress(activity=activity, actor=lead, status="in_progress",
                                                          progress=50, notes=T)
    assert activity.notes == LINES
    evidence = services_activity.evidence_add(activity=activity, actor=lead, note=T,
                                              upload=SimpleUploadedFile("Biên\x01 bản.pdf", PDF))
    assert (evidence.note, evidence.original_name) == (LINE, "Biên bản.pdf")
    entry = services_budget.budget_disburse(line=line, actor=lead, amount=500_000, date=D(2026, 2, 10), note=T)
    assert entry.note == LINE
    reversal = services_budget.budget_reverse(disbursement=entry, actor=lead, reason=T, date=D(2026, 2, 11))
    assert LINE in reversal.note
    assert assert_db_clean()


def test_documents(province):
    from isogov.documents import services, versioning

    doc = services.document_create(agency=province.d842, actor=province.alice, code="QT\x01-01", title=T,
                                   kind="procedure", owner_name=T,
                                   file=SimpleUploadedFile("Quy\x01 trình\x0bmột cửa.pdf", PDF))
    assert (doc.code, doc.title, doc.owner_name) == ("QT-01", LINE, LINE)
    assert doc.versions.get().file_name == "Quy trình một cửa.pdf"
    legal = services.document_create(agency=province.d842, actor=province.alice, code="VB-01", title="Nghị định",
                                     kind="external", owner_name="Văn phòng", issuing_body=T,
                                     legal_number="61/2018/NĐ\x01-CP",
                                     legal_effective_on=D(2026, 1, 1))
    assert (legal.issuing_body, legal.legal_number) == (LINE, "61/2018/NĐ-CP")
    version = versioning.version_update(version=doc.versions.get(), actor=province.alice, change_summary=T)
    assert version.change_summary == LINES
    version = versioning.version_transition(version=version, actor=province.alice, action="withdraw", reason=T)
    assert version.withdrawal_reason == LINE
    assert assert_db_clean()


def test_corrective_actions(province):
    from isogov.capa import action_services, services
    from isogov.capa.tests.helpers import adopter_for, days

    nc = services.nonconformity_open(agency=province.d842, actor=province.alice, source="process_monitoring",
                                     description=T, correction=T, origin_label=T, detected_on=days(-30))
    assert (nc.description, nc.correction, nc.origin_label) == (LINES, LINES, LINE)
    nc = services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[(T, T)], root_cause=T)
    assert (nc.whys, nc.root_cause) == ([{"why": LINE, "because": LINE}], LINES)
    action = action_services.action_add(nc=nc, actor=province.alice, description=T, owner_name=T,
                                        due_date=days(10))
    assert (action.description, action.owner_name) == (LINES, LINE)
    services.nonconformity_step(nc=nc, actor=adopter_for(nc, province.alice), to_state="action_plan")
    services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")
    action = action_services.action_complete(action=action, actor=province.alice, done_on=days(-1), evidence=T)
    assert action.evidence == LINES
    services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    verification = services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note=T)
    assert verification.note == LINES
    other = services.nonconformity_open(agency=province.d842, actor=province.alice, source="process_monitoring",
                                        description="Biểu mẫu cũ", detected_on=days(-3))
    assert services.nonconformity_cancel(nc=other, actor=province.alice, reason=T).cancel_reason == LINE
    assert assert_db_clean()
