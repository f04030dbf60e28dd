"""The year's inspection end to end through the pages: the lead drafts the plan, chooses from the proposal and
approves it; the inspector of the team records an inspection and a finding; the agency sees the nonconformity
with its two months to report, and the plan shows who reported back and who is late."""
import datetime as dt
import re

import pytest
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.capa import services as capa
from isogov.capa.models import Nonconformity, Source, State
from isogov.conftest import login
from isogov.core.dates import add_months
from isogov.inspections.models import Finding, Inspection, InspectionPlan, PlanStatus
from isogov.inspections.tests.helpers import approved_plan, qualify

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year


def d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def test_the_lead_drafts_chooses_and_approves(client, province):
    p = province
    qualify(p.inspector, p.admin)
    login(client, p.admin)
    response = client.post("/inspections/new/", {
        "year": YEAR, "inspecting_unit": "Chi cục TĐC", "period_start": d(dt.date(YEAR, 1, 1)),
        "period_end": d(dt.date(YEAR, 11, 30)), "form": "Tại cơ quan", "onsite_target": 1, "budget": 15_000_000,
        "leader": p.inspector.pk, "team": [p.inspector.pk]})
    plan = InspectionPlan.objects.get(year=YEAR)
    assert response.status_code == 302 and response["Location"] == f"/inspections/{plan.pk}/"
    html = client.get(f"/inspections/{plan.pk}/onsite/").content.decode()
    # Four agencies must apply (SKHCN, STP, 842, 844); the proposal of one ticks the riskiest.
    assert html.count('name="agencies"') == 4 and html.count(" checked") == 1
    assert "Never inspected on site." in html and "Nothing is saved yet" in html
    response = client.post(f"/inspections/{plan.pk}/onsite/", {"agencies": ["STP"], "other_codes": "29242"})
    assert response.status_code == 302
    assert sorted(plan.onsite.values_list("code", flat=True)) == ["29242", "STP"]
    html = client.get(f"/inspections/{plan.pk}/").content.decode()
    # Phường 4 need not apply: it is inspected but does not count towards the third (2 of 4).
    assert 'data-testid="onsite-warning"' in html and "Only 1 of the 4" in html
    client.post(f"/inspections/{plan.pk}/onsite/", {"agencies": ["STP", "842"]})
    html = client.get(f"/inspections/{plan.pk}/").content.decode()
    assert 'data-testid="onsite-warning"' not in html
    response = client.post(f"/inspections/{plan.pk}/onsite/", {"agencies": ["STP"], "other_codes": "NOPE"})
    assert response.status_code == 400 and "NOPE" in response.content.decode()
    response = client.post(f"/inspections/{plan.pk}/approve/", {"decision_number": "", "decision_date": ""})
    assert response.status_code == 400
    response = client.post(f"/inspections/{plan.pk}/approve/", {"decision_number": "12/QĐ-UBND",
                                                                 "decision_date": d(TODAY)})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert sorted(Inspection.objects.filter(plan=plan).values_list("agency__code", flat=True)) == ["842", "STP"]
    assert client.post(f"/inspections/{plan.pk}/onsite/", {"agencies": ["844"]}).status_code == 400  # frozen
    assert AuditEvent.objects.filter(object_type="inspections.inspectionplan", object_id=str(plan.pk)).count() >= 4


def test_a_leader_without_the_qualifications_is_refused(client, province):
    p = province
    plan = InspectionPlan.objects.create(year=YEAR, inspecting_unit="Chi cục TĐC", period_start=dt.date(YEAR, 1, 1),
                                         period_end=dt.date(YEAR, 11, 30), onsite_target=2, leader=p.inspector)
    plan.onsite.set([p.stp, p.d842])
    login(client, p.admin)
    response = client.post(f"/inspections/{plan.pk}/approve/", {"decision_number": "1", "decision_date": d(TODAY)})
    assert response.status_code == 400
    assert "cannot lead the team without a university degree" in response.content.decode()


@pytest.fixture
def inspected(province):
    p = province
    plan = approved_plan(p, year=YEAR, onsite=[p.d842, p.stp], decision_date=dt.date(YEAR, 1, 2))
    p.plan, p.inspection = plan, plan.inspections.get(agency=p.d842)
    return p


def test_the_inspector_records_an_inspection_and_the_agency_sees_its_deadline(client, inspected):
    p = inspected
    login(client, p.inspector)
    url = f"/inspections/visits/{p.inspection.pk}/"
    response = client.post(url + "edit/", {"decision_number": "5/QĐ-CCTĐC", "decision_date": d(TODAY),
                                           "scheduled_on": d(TODAY), "leader": p.inspector.pk,
                                           "team": [p.inspector.pk], "conclusions": "Duy trì tốt."})
    assert response.status_code == 302
    response = client.post(url + "checklist/", {"result_1": "conform", "evidence_1": "Quyết định 9",
                                                "result_5": "nonconform", "evidence_5": "Không có hồ sơ"})
    assert response.status_code == 302 and p.inspection.answers.count() == 2
    response = client.post(url + "findings/", {"point": "5", "grade": "major",
                                               "description": "Chưa đánh giá nội bộ trong 12 tháng"})
    assert response.status_code == 302
    finding = Finding.objects.get(inspection=p.inspection)
    nc = finding.nonconformity
    assert (nc.agency, nc.source, nc.severity) == (p.d842, Source.INSPECTION, "major")
    record_date = TODAY - dt.timedelta(days=3)
    assert client.post(url + "record/", {"record_date": d(record_date)}).status_code == 302
    nc.refresh_from_db()
    assert nc.respond_by == add_months(record_date, 2)
    assert client.get(url + "record.docx").status_code == 200
    # The agency's secretary sees it at once on her pages, with the date to report by.
    login(client, p.alice)
    html = client.get("/agencies/842/capa/").content.decode()
    assert "Chưa đánh giá nội bộ" in html and f"Report by {d(nc.respond_by)}" in html
    html = client.get(f"/agencies/842/capa/{nc.pk}/").content.decode()
    assert re.search(rf'data-testid="respond-by">{d(nc.respond_by)}', html)
    assert client.get(url).status_code == 200  # she reads her agency's inspection
    assert client.post(url + "findings/", {"point": "1", "grade": "minor", "description": "x"}).status_code == 403
    # Another agency's staff is not told it exists.
    login(client, p.bob)
    assert client.get(url).status_code == 404


def test_the_inspector_writes_his_plan_but_not_the_agency_records(client, inspected):
    p = inspected
    login(client, p.inspector)
    assert client.get(f"/inspections/visits/{p.inspection.pk}/edit/").status_code == 200
    assert client.post("/agencies/842/capa/new/", {"description": "x"}).status_code == 403
    assert client.post("/agencies/842/edit/", {"name": "x"}).status_code == 403
    p.plan.team.clear()
    Inspection.objects.filter(pk=p.inspection.pk).update(leader=None)
    p.inspection.team.clear()
    InspectionPlan.objects.filter(pk=p.plan.pk).update(leader=None)
    assert client.get(f"/inspections/visits/{p.inspection.pk}/edit/").status_code == 403  # not on the team


def test_the_plan_shows_who_reported_back_and_who_is_late(client, inspected):
    p = inspected
    late_record = TODAY - dt.timedelta(days=90)
    for agency, record_date in ((p.d842, TODAY), (p.stp, late_record)):
        inspection = p.plan.inspections.get(agency=agency)
        from isogov.inspections import services

        services.finding_add(actor=p.inspector, inspection=inspection, point="5", grade="minor", description="Thiếu")
        services.inspection_record(actor=p.inspector, inspection=inspection, record_date=record_date)
    login(client, p.admin)
    html = client.get(f"/inspections/{p.plan.pk}/").content.decode()
    stp = html[html.index('data-testid="response-STP"'):][:300]
    d842 = html[html.index('data-testid="response-842"'):][:300]
    assert "late" in stp and "0/1 reported" in d842
    nc = Nonconformity.objects.get(agency=p.d842)
    capa.nonconformity_analyse(nc=nc, actor=p.alice, whys=[("Vì sao?", "Thiếu người")], root_cause="Thiếu người")
    Nonconformity.objects.filter(pk=nc.pk).update(state=State.ACTION_PLAN)  # the plan adopted by the head
    html = client.get(f"/inspections/{p.plan.pk}/").content.decode()
    assert "reported" in html[html.index('data-testid="response-842"'):][:300]
    summary = client.get(f"/inspections/{p.plan.pk}/summary/").content.decode()
    assert re.search(r"Corrective actions reported: <strong>1</strong>", summary)
    assert re.search(r"Late: <strong>1</strong>", summary)


def test_records_check_of_an_agency_not_inspected_on_site(client, inspected):
    p = inspected
    login(client, p.inspector)
    url = f"/inspections/{p.plan.pk}/records/844/"
    response = client.post(url, {"checked_on": d(TODAY), "passed": ["R1", "R2"], "result": "satisfactory"})
    assert response.status_code == 302
    check = p.plan.records_checks.get(agency=p.d844)
    assert check.passed == ["R1", "R2"] and check.result == "satisfactory"
    assert client.get(f"/inspections/{p.plan.pk}/records/842/").status_code == 404  # inspected on site instead
    login(client, p.viewer)
    html = client.get(f"/inspections/{p.plan.pk}/").content.decode()
    assert "Satisfactory" in html
    assert client.post(url, {"checked_on": d(TODAY), "result": "satisfactory"}).status_code == 403


def test_evidence_files_are_checked_by_content_and_kept_with_the_inspection(client, inspected):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = inspected
    login(client, p.inspector)
    url = f"/inspections/visits/{p.inspection.pk}/files/"
    pdf = SimpleUploadedFile("Ảnh bảng niêm yết.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert client.post(url, {"point": "10", "title": "", "upload": pdf}).status_code == 302
    evidence = p.inspection.files.get()
    assert (evidence.title, evidence.point, evidence.content_type) == ("Ảnh bảng niêm yết", "10", "application/pdf")
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all")
    response = client.post(url, {"upload": fake})
    assert response.status_code == 400 and "is not a PDF" in response.content.decode()
    assert p.inspection.files.count() == 1
    login(client, p.alice)  # the inspected agency reads its inspection's files, and cannot remove them
    download = client.get(f"{url}{evidence.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert client.post(f"{url}{evidence.pk}/remove/").status_code == 403
    login(client, p.inspector)
    assert client.post(f"{url}{evidence.pk}/remove/").status_code == 302
    assert not p.inspection.files.exists()
