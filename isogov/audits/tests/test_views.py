import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from isogov.audits import records, services
from isogov.audits.models import Audit, AuditArea, AuditProgramme, AuditState, ChecklistItem, Finding
from isogov.audits.tests.helpers import days, item, plan, ready, started, today, with_findings
from isogov.clauses.models import Clause

pytestmark = pytest.mark.django_db


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def test_secretary_plans_and_runs_an_audit(province, as_user, iso2015):
    client = as_user(province.alice)
    ids = list(Clause.objects.filter(framework=iso2015, number__in=["8.5.1", "9.1.2"]).values_list("pk", flat=True))
    response = client.post(reverse("audits:create", args=["842"]), {
        "year": today().year, "planned_month": 4, "title": "Đánh giá nội bộ năm nay", "scope": "Bộ phận một cửa",
        "clauses": ids})
    audit = Audit.objects.get()
    assert response.status_code == 302 and response.url == reverse("audits:detail", args=["842", audit.pk])
    page = client.get(response.url).content.decode()
    assert "Name the lead auditor." in page and "Start the audit" in page
    assert client.post(reverse("audits:team", args=["842", audit.pk]),
                       {"lead_auditor": province.alice.pk, "auditor_names": "Phạm Thị Dung\n"}).status_code == 302
    response = client.post(reverse("audits:area_add", args=["842", audit.pk]),
                           {"name": "Bộ phận một cửa", "owner": province.alice.pk})
    assert response.status_code == 400 and "cannot audit it" in response.content.decode()
    assert client.post(reverse("audits:area_add", args=["842", audit.pk]),
                       {"name": "Bộ phận một cửa", "owner": province.alice_head.pk}).status_code == 302
    assert client.post(reverse("audits:start", args=["842", audit.pk]),
                       {"audit_date": fmt(days(0))}).status_code == 302
    row = item(audit, "9.1.2")
    response = client.post(reverse("audits:checklist_item", args=["842", row.pk]),
                           {"result": "conform", "notes": "Có phiếu khảo sát"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="item-' in response.content.decode()
    assert "<html" not in response.content.decode()
    row.refresh_from_db()
    assert (row.result, row.notes) == ("conform", "Có phiếu khảo sát")
    response = client.post(reverse("audits:finding_add", args=["842", audit.pk]), {
        "grade": "minor", "clause": "8.5.1", "description": "Thiếu chữ ký trên phiếu kiểm soát"},
        HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "Thiếu chữ ký" in html and 'hx-swap-oob="true"' in html
    response = client.post(reverse("audits:report", args=["842", audit.pk]),
                           {"reported_on": fmt(days(0)), "summary": "Hệ thống được duy trì"})
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.state == AuditState.REPORTED
    finding = Finding.objects.get()
    page = client.get(reverse("audits:detail", args=["842", audit.pk])).content.decode()
    assert f"#{finding.nonconformity.number}</a>" in page and "Report issued" in page
    nc_page = client.get(reverse("capa:detail", args=["842", finding.nonconformity.pk])).content.decode()
    assert audit.get_absolute_url() in nc_page


def test_plan_form_keeps_input_on_error(province, as_user, iso2015):
    response = as_user(province.alice).post(reverse("audits:create", args=["842"]), {
        "year": "1990", "planned_month": 4, "title": "Đợt kiểm tra đặc biệt", "scope": "Văn phòng"})
    html = response.content.decode()
    assert response.status_code == 400 and "Đợt kiểm tra đặc biệt" in html and "Give a year" in html
    assert not Audit.objects.exists()


def test_refused_finding_by_htmx_changes_nothing_and_reshows(province, as_user, iso2015):
    audit = started(province.d842, province.alice)
    response = as_user(province.alice).post(reverse("audits:finding_add", args=["842", audit.pk]), {
        "grade": "minor", "clause": "99.9", "description": "Mô tả đã gõ"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "No such clause in the audit" in html and "Mô tả đã gõ" in html and not Finding.objects.exists()


def test_refused_step_shows_with_the_next_step(province, as_user, iso2015):
    audit = plan(province.d842, province.alice)
    response = as_user(province.alice).post(reverse("audits:report", args=["842", audit.pk]),
                                            {"reported_on": fmt(days(0)), "summary": "x"})
    assert response.status_code == 400 and "Only an audit in progress can be reported" in response.content.decode()


def test_checklist_refusal_by_htmx_is_shown_in_the_row(province, as_user, iso2015):
    audit = ready(province.d842, province.alice)
    row = item(audit, "8.5.1")
    response = as_user(province.alice).post(reverse("audits:checklist_item", args=["842", row.pk]),
                                            {"result": "conform"}, HTTP_HX_REQUEST="true")
    assert "while the audit is in progress" in response.content.decode()
    row.refresh_from_db()
    assert row.result == "not_checked"


def test_report_docx_holds_the_findings(province, as_user, iso2015):
    audit = with_findings(province.d842, province.alice)
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary="Kết luận: phù hợp")
    response = as_user(province.viewer).get(reverse("audits:report_docx", args=["842", audit.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Thành phố Trà Vinh" in cells and "Kết luận: phù hợp" in text and "Trần Thị Bích" in text
    assert "5 hồ sơ trễ hạn không có phiếu xin lỗi" in cells and "Major nonconformity" in cells
    assert "Good practice" in cells and "#1" in cells
    assert as_user(province.bob).get(reverse("audits:report_docx", args=["842", audit.pk])).status_code == 404


def test_outsiders_and_readers_are_refused(province, as_user, iso2015):
    audit = started(province.d842, province.alice)
    row = item(audit, "8.5.1")
    area = AuditArea.objects.get()
    before = (list(Audit.objects.values()), list(ChecklistItem.objects.values()), list(AuditArea.objects.values()))
    for user in (province.bob, province.charlie):
        client = as_user(user)
        assert client.get(reverse("audits:agency_index", args=["842"])).status_code == 404
        assert client.get(reverse("audits:detail", args=["842", audit.pk])).status_code == 404
        assert client.post(reverse("audits:checklist_item", args=["842", row.pk]),
                           {"result": "conform"}).status_code == 404
        assert client.post(reverse("audits:area_remove", args=["842", area.pk])).status_code == 404
    assert as_user(province.bob).get(reverse("audits:detail", args=["844", audit.pk])).status_code == 404
    for user in (province.viewer, province.inspector):
        client = as_user(user)
        page = client.get(reverse("audits:detail", args=["842", audit.pk]))
        assert page.status_code == 200 and "<select name=\"result\"" not in page.content.decode()
        assert client.post(reverse("audits:checklist_item", args=["842", row.pk]),
                           {"result": "conform"}).status_code == 403
        assert client.get(reverse("audits:create", args=["842"])).status_code == 403
        assert client.post(reverse("audits:cancel", args=["842", audit.pk]), {"reason": "x"}).status_code == 403
    assert (list(Audit.objects.values()), list(ChecklistItem.objects.values()),
            list(AuditArea.objects.values())) == before


def test_overdue_planned_audit_and_due_banner(province, as_user, iso2015):
    plan(province.d842, province.alice, year=today().year - 1, month=1, title="Đợt bị lỡ")
    html = as_user(province.alice).get(reverse("audits:agency_index", args=["842"])).content.decode()
    assert '<tr class="overdue"' in html and "No internal audit reported yet." in html


def _bulk_audits(agency, actor, n):
    for i in range(n):
        audit = plan(agency, actor, title=f"Đợt {i}", year=today().year - (i % 3))
        services.audit_set_team(audit=audit, actor=actor, lead_auditor_name=f"Kiểm toán viên {i}")


def test_index_query_count_does_not_grow(province, as_user, iso2015):
    client = as_user(province.viewer)
    _bulk_audits(province.d842, province.alice, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("audits:agency_index", args=["842"]))
    _bulk_audits(province.d842, province.alice, 12)
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("audits:agency_index", args=["842"])).content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
    assert "Kiểm toán viên 11" in html and AuditProgramme.objects.count() == 3


def test_detail_query_count_does_not_grow_with_findings(province, as_user, iso2015):
    from isogov.audits import records

    audit = started(province.d842, province.alice)
    client = as_user(province.alice)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("audits:detail", args=["842", audit.pk]))
    for i in range(8):
        records.finding_add(audit=audit, actor=province.alice, grade="observation",
                            clause=item(audit, "9.1.2").clause, description=f"Quan sát {i}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("audits:detail", args=["842", audit.pk]))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_index_shows_audits_recorded_on_the_lifecycle_like_the_compliance_card(province, as_user, iso2015):
    """An audit recorded on the lifecycle (not run here) counts on the card, so the tab must show it too."""
    from isogov.compliance.selectors import compliance_card
    from isogov.qms import services as qms_services
    from isogov.qms.models import FactKind

    agency = province.d842
    qms_services.fact_record(agency=agency, actor=province.alice, kind=FactKind.INTERNAL_AUDIT, date=days(-40),
                             note="Đánh giá nội bộ lần thứ nhất")
    audit = started(agency, province.alice, on=days(-400))
    records.checklist_update(item=item(audit, "7.5.3"), actor=province.alice, result="conform")
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(-399), summary="Phù hợp")
    client = as_user(province.viewer)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("audits:agency_index", args=["842"])).content.decode()
    card = compliance_card(agency=agency, today=today()).item("internal_audit")
    assert card.date == days(-40) and card.level == "green"
    assert "No internal audit reported yet." not in html and "more than 12 months ago" not in html.lower()
    assert f"Last internal audit reported on {fmt(days(-40))}." in html
    section = html.split('data-testid="lifecycle-audits"', 1)[1].split("</section>", 1)[0]
    # The lifecycle lists only the fact written directly; the reported audit shows in its programme.
    assert "Đánh giá nội bộ lần thứ nhất" in section and fmt(days(-40)) in section and fmt(days(-399)) not in section
    qms_services.fact_record(agency=agency, actor=province.alice, kind=FactKind.INTERNAL_AUDIT, date=days(-30))
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("audits:agency_index", args=["842"]))
    assert len(more.captured_queries) == len(ctx.captured_queries)


def test_index_due_banner_follows_the_compliance_rule(province, as_user, iso2015):
    from isogov.compliance.rules import add_months
    from isogov.qms import services as qms_services
    from isogov.qms.models import FactKind

    # Exactly 12 months ago is still within the law's period (the card says "due by today", amber).
    qms_services.fact_record(agency=province.d842, actor=province.alice, kind=FactKind.INTERNAL_AUDIT,
                             date=add_months(today(), -12))
    html = as_user(province.alice).get(reverse("audits:agency_index", args=["842"])).content.decode()
    assert "an internal audit is due" not in html
