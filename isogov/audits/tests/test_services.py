import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.audits import records, services
from isogov.audits.models import Audit, AuditState, Finding
from isogov.audits.tests.factories import clauses
from isogov.audits.tests.helpers import days, item, plan, ready, started, today, with_findings
from isogov.capa.models import Nonconformity
from isogov.clauses.models import Clause
from isogov.qms.models import QmsFact
from isogov.qms.tests.helpers import procedure

pytestmark = pytest.mark.django_db


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_plan_builds_checklist_from_the_clause_library(province, iso2015):
    every = plan(province.d842, province.alice, numbers=())
    assert every.checklist.count() == Clause.objects.filter(framework=iso2015, auditable=True).count() > 40
    chosen = plan(province.d842, province.alice, numbers=("8.5.1", "9.1.2"))
    assert sorted(chosen.checklist.values_list("clause__number", flat=True)) == ["8.5.1", "9.1.2"]
    assert chosen.programme == every.programme and chosen.programme.year == today().year
    assert AuditEvent.objects.filter(object_type="audits.audit", action="create").count() == 2


def test_plan_refuses_bad_input(province, iso2015):
    heading = Clause.objects.get(framework=iso2015, number="8")
    with pytest.raises(ValidationError) as exc:
        services.audit_plan(agency=province.d842, actor=province.alice, year=1990, planned_month=13, title=" ",
                            scope="", clauses=[heading], procedures=[procedure()])
    assert set(exc.value.message_dict) == {"year", "planned_month", "title", "scope", "clauses", "procedures"}
    assert "Not in the agency's QMS scope: 1.001193" in exc.value.message_dict["procedures"][0]
    assert not Audit.objects.exists()


def test_update_follows_clauses_only_while_planned(province, iso2015):
    audit = plan(province.d842, province.alice)
    services.audit_update(audit=audit, actor=province.alice, year=today().year + 1, planned_month=6, title="Đợt 2",
                          scope="Toàn bộ", clauses=clauses("6.1"))
    audit.refresh_from_db()
    assert list(audit.checklist.values_list("clause__number", flat=True)) == ["6.1"]
    assert audit.programme.year == today().year + 1
    started_audit = started(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_update(audit=started_audit, actor=province.alice, year=today().year, planned_month=1,
                              title="x", scope="y")
    assert "Only a planned audit" in messages(exc)


def test_auditor_may_not_audit_their_own_area(province, iso2015):
    audit = plan(province.d842, province.alice)
    services.area_add(audit=audit, actor=province.alice, name="Phòng Tư pháp", owner=province.alice_head)
    with pytest.raises(ValidationError) as exc:
        services.audit_set_team(audit=audit, actor=province.alice, lead_auditor=province.alice_head)
    assert "Alice_head owns “Phòng Tư pháp” and cannot audit it" in messages(exc)
    assert not audit.team.exists()
    # Named without an account, the same person is still recognised (case and diacritics aside).
    services.area_add(audit=audit, actor=province.alice, name="Bộ phận một cửa", owner_name="Nguyễn Văn Ánh")
    with pytest.raises(ValidationError) as exc:
        services.audit_set_team(audit=audit, actor=province.alice, lead_auditor=province.alice,
                                auditor_names=["nguyen van anh"])
    assert "owns “Bộ phận một cửa”" in messages(exc)
    services.audit_set_team(audit=audit, actor=province.alice, lead_auditor=province.alice,
                            auditor_names=["Phạm Thị Dung"])
    assert [(m.name, m.is_lead) for m in audit.team.all()] == [("Alice", True), ("Phạm Thị Dung", False)]


def test_area_owned_by_an_auditor_is_refused(province, iso2015):
    audit = ready(province.d842, province.alice, lead=province.alice)
    with pytest.raises(ValidationError) as exc:
        services.area_add(audit=audit, actor=province.alice, name="Văn phòng", owner=province.alice)
    assert "an auditor may not audit their own work" in messages(exc)
    assert "owner" in exc.value.message_dict


def test_team_needs_a_lead_of_this_agency(province, iso2015):
    audit = plan(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_set_team(audit=audit, actor=province.alice)
    assert "Name the lead auditor" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.audit_set_team(audit=audit, actor=province.alice, lead_auditor=province.bob)
    assert "does not work for this agency" in messages(exc)


def test_start_lists_what_is_missing(province, iso2015):
    audit = plan(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_start(audit=audit, actor=province.alice, audit_date=days(0))
    assert "Name the lead auditor." in exc.value.messages
    assert "Add at least one department or process to audit, with its owner." in exc.value.messages
    audit = ready(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_start(audit=audit, actor=province.alice, audit_date=days(1))
    assert "not before" in messages(exc)
    audit = services.audit_start(audit=audit, actor=province.alice, audit_date=days(0))
    assert audit.state == AuditState.IN_PROGRESS


def test_records_only_while_in_progress(province, iso2015):
    audit = ready(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        records.checklist_update(item=item(audit, "8.5.1"), actor=province.alice, result="conform")
    assert "while the audit is in progress" in messages(exc)
    with pytest.raises(ValidationError):
        records.finding_add(audit=audit, actor=province.alice, grade="minor", clause=item(audit, "8.5.1").clause,
                            description="x")


def test_finding_refusals_and_checklist_follows(province, iso2015):
    audit = started(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        records.finding_add(audit=audit, actor=province.alice, grade="awful", clause=None, description="")
    assert set(exc.value.message_dict) == {"grade", "clause", "description"}
    records.finding_add(audit=audit, actor=province.alice, grade="minor", clause=item(audit, "8.5.1").clause,
                        description="Thiếu phiếu kiểm soát")
    assert item(audit, "8.5.1").result == "nonconform"


def test_report_blockers(province, iso2015):
    audit = started(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary="ok")
    assert "at least one checklist item" in messages(exc)
    records.checklist_update(item=item(audit, "9.1.2"), actor=province.alice, result="nonconform")
    with pytest.raises(ValidationError) as exc:
        services.audit_report(audit=audit, actor=province.alice, reported_on=days(-10), summary="ok")
    assert "need a major or minor nonconformity finding: 9.1.2" in messages(exc)
    assert "cannot be before the audit date" in messages(exc)
    assert not QmsFact.objects.exists()


def test_report_records_fact_and_opens_nonconformities(province, iso2015):
    audit = with_findings(province.d842, province.alice)
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(-1), summary="HTQLCL phù hợp")
    audit.refresh_from_db()
    assert audit.state == AuditState.REPORTED
    fact = QmsFact.objects.get()
    assert (fact.kind, fact.date, fact.agency) == ("internal_audit", days(-1), province.d842) and audit.fact == fact
    ncs = Nonconformity.objects.order_by("number")
    assert [(n.source, n.severity, n.clause.number, n.detected_on) for n in ncs] == [
        ("internal_audit", "major", "8.5.1", days(-3)), ("internal_audit", "minor", "7.5.3", days(-3))]
    for finding in Finding.objects.filter(grade__in=["major", "minor"]):
        assert finding.nonconformity.origin == finding
    assert Finding.objects.get(grade="good_practice").nonconformity is None
    with pytest.raises(ValidationError) as exc:
        services.audit_cancel(audit=audit, actor=province.alice, reason="x")
    assert "can no longer change" in messages(exc)


def test_report_is_all_or_nothing(province, iso2015, monkeypatch):
    audit = with_findings(province.d842, province.alice)

    def broken(**kwargs):
        raise ValidationError("capa is down")

    monkeypatch.setattr(services, "nonconformity_open", broken)
    with pytest.raises(ValidationError):
        services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary="x")
    audit.refresh_from_db()
    assert audit.state == AuditState.IN_PROGRESS and not QmsFact.objects.exists()
    assert not Nonconformity.objects.exists()


def test_reported_audit_unblocks_the_lifecycle(province, iso2015):
    from isogov.qms.services import transition_problems
    from isogov.registry.models import Agency

    Agency.objects.filter(pk=province.d842.pk).update(qms_state="applying")
    province.d842.refresh_from_db()
    audit = with_findings(province.d842, province.alice)
    assert "Record the first internal audit" in " ".join(
        transition_problems(agency=province.d842, actor=province.alice_head, to_state="confirmed"))
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary="x")
    assert "Record the first internal audit" not in " ".join(
        transition_problems(agency=province.d842, actor=province.alice_head, to_state="confirmed"))


def test_cancel_needs_a_reason(province, iso2015):
    audit = plan(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.audit_cancel(audit=audit, actor=province.alice, reason="")
    assert "Say why" in messages(exc)
    services.audit_cancel(audit=audit, actor=province.alice, reason="Sáp nhập đơn vị")
    audit.refresh_from_db()
    assert audit.state == AuditState.CANCELLED and audit.cancel_reason == "Sáp nhập đơn vị"


def test_audit_results_for_the_management_review(province, iso2015):
    from isogov.audits import selectors

    audit = with_findings(province.d842, province.alice)
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(-1), summary="x")
    plan(province.d842, province.alice)
    results = selectors.audit_results(agency=province.d842, since=days(-365))
    assert results["audits"] == 1 and results["last_reported_on"] == days(-1)
    assert results["findings"] == {"major": 1, "minor": 1, "observation": 0, "good_practice": 1}
    assert selectors.audit_results(agency=province.d842, since=days(0))["audits"] == 0
