"""The inspection's documents (Mẫu 19, 20, 21 and the November summary) open and carry what the pages show."""
import datetime as dt
import io

import pytest
from django.conf import settings
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from isogov.core.official import MOTTO, NATIONAL_TITLE, short_date, vn_date
from isogov.core.tests.hostile import docx_text, xlsx_cells
from isogov.core.tests.libreoffice import require_libreoffice
from isogov.inspections import checklist, documents, rules, selectors, services
from isogov.inspections.models import Grade, Inspection, Result
from isogov.registry.models import Agency

YEAR = dt.date.today().year


def day(month: int, d: int) -> dt.date:
    return dt.date(YEAR, month, d)


@pytest.fixture
def inspected(province):
    p = province
    services.profile_set(actor=p.admin, user=p.inspector, degree="Kỹ sư", state_management_certificate="Chuyên viên",
                         auditor_certificate="Chuyên gia đánh giá ISO 9001", working_since=dt.date(2015, 1, 1))
    plan = services.plan_create(actor=p.admin, year=YEAR, inspecting_unit=settings.ISOGOV["INSPECTING_UNIT"],
                                period_start=day(3, 1), period_end=day(11, 30), onsite_target=2, budget=15_000_000,
                                leader=p.inspector, team=[p.inspector, p.admin])
    services.plan_set_onsite(actor=p.admin, plan=plan, agencies=[p.stp, p.d842, p.c29242])
    counts = selectors.onsite_counts(plan)
    services.plan_approve(actor=p.admin, plan=plan, decision_number="123/QĐ-UBND", decision_date=day(3, 5),
                          mandatory=counts["mandatory"], onsite_mandatory=counts["onsite_mandatory"])
    inspection = plan.inspections.get(agency=p.stp)
    services.inspection_update(actor=p.inspector, inspection=inspection, decision_number="45/QĐ-CCTĐC",
                               decision_date=day(4, 1), scheduled_on=day(4, 15),
                               conclusions="Hệ thống được duy trì.\nCòn thiếu đánh giá nội bộ.",
                               recommendations="Tổ chức đánh giá nội bộ trong quý III.")
    services.answers_set(actor=p.inspector, inspection=inspection, answers={
        "1": (Result.CONFORM, "Quyết định công bố số 9/QĐ-STP"), "5": (Result.NONCONFORM, "Không có hồ sơ đánh giá"),
        "10": (Result.PARTIAL, "Chưa đăng trên trang thông tin điện tử")})
    services.finding_add(actor=p.inspector, inspection=inspection, point="5", grade=Grade.MAJOR,
                         description="Chưa đánh giá nội bộ trong 12 tháng")
    services.finding_add(actor=p.inspector, inspection=inspection, point="10", grade=Grade.OBSERVATION,
                         description="Nên đăng quyết định công bố lên trang web")
    services.inspection_record(actor=p.inspector, inspection=inspection, record_date=day(4, 15))
    services.records_check_set(actor=p.inspector, plan=plan, agency=p.skhcn, checked_on=day(5, 2),
                               passed=["R1", "R3"], result="to_improve", note="")
    plan.refresh_from_db()
    inspection.refresh_from_db()
    p.plan, p.inspection = plan, inspection
    return p


def _open(data: bytes) -> Document:
    return Document(io.BytesIO(data))


def _texts(doc) -> list[str]:
    return [Paragraph(p, doc).text for p in doc.element.body.iter(qn("w:p"))]


def _rows(doc, first_heads: tuple[str, ...]) -> list[list[str]]:
    """The body rows of every table whose heads begin with `first_heads`."""
    out = []
    for table in doc.tables:
        heads = tuple(c.text for c in table.rows[0].cells)
        if heads[:len(first_heads)] == first_heads:
            out += [[c.text for c in row.cells] for row in table.rows[1:]]
    return out


def _decree_30(doc, *, number_starts: str, date_line: str) -> None:
    left, right = doc.tables[0].rows[0].cells
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in left.text
    assert settings.ISOGOV["INSPECTING_UNIT"].upper() in left.text
    assert f"Số: {number_starts}" in left.text
    assert NATIONAL_TITLE in right.text and MOTTO in right.text and date_line in right.text
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0


def test_plan_mau_19(inspected):
    p = inspected
    doc = _open(documents.plan_docx(p.plan))
    _decree_30(doc, number_starts="…/KH-", date_line=f"Trà Vinh, ngày … tháng … năm {YEAR}")
    texts = _texts(doc)
    assert "KẾ HOẠCH" in texts
    onsite = p.plan.onsite.select_related("tier").order_by("tier__rank", "path")
    assert _rows(doc, ("STT", "Cơ quan được kiểm tra")) == [
        [str(n), a.name, a.tier.name_vi, "Tại cơ quan"] for n, a in enumerate(onsite, start=1)]
    records = selectors.records_rows(p.plan)
    assert {r["agency"].code for r in records} == {"SKHCN", "844"}
    assert _rows(doc, ("STT", "Cơ quan", "Cấp", "Hình thức")) == [
        [str(n), r["agency"].name, r["agency"].tier.name_vi, "Kiểm tra hồ sơ, báo cáo"]
        for n, r in enumerate(records, start=1)]
    body = "\n".join(texts)
    assert "Dự toán kinh phí: 15.000.000 đồng." in body
    assert f"Từ ngày {short_date(p.plan.period_start)} đến ngày {short_date(p.plan.period_end)}." in body
    assert f"1. {p.inspector} – Trưởng đoàn" in texts and f"2. {p.admin} – Thành viên" in texts
    assert f"Quyết định số 123/QĐ-UBND {vn_date(p.plan.decision_date)}" in body
    assert documents.DEFAULT_FORM in body  # the field's default, stored in English by the test, written in Vietnamese
    for point in checklist.points():
        assert f"{point.code}. {point.title_vi};" in texts


def test_draft_plan_says_so(province):
    plan = services.plan_create(actor=province.admin, year=YEAR, inspecting_unit="Sở Khoa học và Công nghệ",
                                period_start=day(3, 1), period_end=day(11, 30), onsite_target=2, budget=1_234_567)
    doc = _open(documents.plan_docx(plan))
    body = "\n".join(_texts(doc))
    assert "Dự thảo: kế hoạch chưa được phê duyệt." in body and "1.234.567 đồng" in body
    # The Department inspects itself where the sub-department no longer exists: the province stands above it.
    assert doc.tables[0].rows[0].cells[0].text.startswith("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert "GIÁM ĐỐC" in doc.tables[-1].rows[0].cells[1].text


def test_decision_mau_20(inspected):
    p, inspection = inspected, inspected.inspection
    doc = _open(documents.decision_docx(inspection))
    _decree_30(doc, number_starts="45/QĐ-CCTĐC", date_line=f"Trà Vinh, {vn_date(inspection.decision_date)}")
    texts = _texts(doc)
    assert "QUYẾT ĐỊNH" in texts
    assert ("Về việc kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 tại "
            f"{p.stp.name}") in texts
    body = "\n".join(texts)
    for article in ("Điều 1.", "Điều 2.", "Điều 3."):
        assert article in body
    assert f"1. {p.inspector} – Trưởng đoàn" in texts
    for point in checklist.points():
        assert f"{point.code}. {point.title_vi};" in texts
    assert f"Thời gian kiểm tra: {vn_date(inspection.scheduled_on)}." in body
    assert "- Như Điều 3;" in texts


def test_record_mau_21(inspected):
    p, inspection = inspected, inspected.inspection
    doc = _open(documents.record_docx(inspection))
    _decree_30(doc, number_starts="…/BB-", date_line=f"Trà Vinh, {vn_date(inspection.record_date)}")
    texts = _texts(doc)
    assert "BIÊN BẢN" in texts
    detail = selectors.inspection_detail(inspection)
    answered = _rows(doc, ("Điểm", "Nội dung kiểm tra", "Kết quả"))
    assert len(answered) == detail["total"] == 13
    expected = {row["point"].code: row["answer"] for group in detail["groups"] for row in group["points"]}
    for code, title, result, evidence in answered:
        answer = expected[code]
        assert title == checklist.point(code).title_vi
        assert (result, evidence) == ((documents.RESULT[answer.result], answer.evidence) if answer
                                      else ("Chưa kiểm tra", ""))
    assert _rows(doc, ("STT", "Điểm", "Mức độ")) == [
        [str(n), f.point, documents.GRADE[f.grade], f.description] for n, f in enumerate(detail["findings"], start=1)]
    body = "\n".join(texts)
    assert "Hệ thống được duy trì.\nCòn thiếu đánh giá nội bộ." in body or "Còn thiếu đánh giá nội bộ." in texts
    assert "Tổ chức đánh giá nội bộ trong quý III." in texts
    due = rules.report_due(inspection.record_date)
    assert due == detail["report_due"] and f"chậm nhất {vn_date(due)}" in body
    assert "Trong thời hạn 02 tháng kể từ ngày lập biên bản" in body
    assert "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản." in body
    assert f"Hôm nay, {vn_date(inspection.scheduled_on)}, tại trụ sở {p.stp.name}" in body
    assert f"- {p.inspector} – Trưởng đoàn" in texts and f"- {p.admin} – Thành viên" in texts
    left, right = doc.tables[-1].rows[0].cells
    assert left.text.strip() == "ĐẠI DIỆN CƠ QUAN ĐƯỢC KIỂM TRA"
    assert right.text.strip().startswith("TRƯỞNG ĐOÀN KIỂM TRA") and right.text.strip().endswith(str(p.inspector))


def test_record_before_anything_is_recorded(inspected):
    inspection = inspected.plan.inspections.get(agency=inspected.d842)
    doc = _open(documents.record_docx(inspection))
    body = "\n".join(_texts(doc))
    assert "Không có phát hiện." in body
    assert f"Trà Vinh, ngày … tháng … năm {YEAR}" in doc.tables[0].rows[0].cells[1].text
    assert {r[2] for r in _rows(doc, ("Điểm", "Nội dung kiểm tra", "Kết quả"))} == {"Chưa kiểm tra"}


def test_summary_docx_and_xlsx(inspected):
    p = inspected
    today = day(11, 20)  # after the two months: the Department of Justice is late
    s = selectors.summary(p.plan, today=today)
    by_agency = {i.agency.name: r for i, r in s.inspected}
    assert by_agency[p.stp.name].status == "late" and by_agency[p.d842.name].status == "none"

    doc = _open(documents.summary_docx(s, today=today))
    _decree_30(doc, number_starts="…/BC-", date_line=f"Trà Vinh, {vn_date(today)}")
    rows = _rows(doc, ("STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Số phát hiện"))
    assert [(r[1], int(r[4])) for r in rows] == [(i.agency.name, resp.findings) for i, resp in s.inspected]
    stp = next(r for r in rows if r[1] == p.stp.name)
    assert stp[3] == short_date(p.inspection.scheduled_on) and stp[5].startswith("Quá hạn báo cáo")
    heads = next(tuple(c.text for c in t.rows[0].cells) for t in doc.tables if t.rows[0].cells[0].text == "Điểm")
    assert heads == ("Điểm", "Nội dung kiểm tra", *(t.name_vi for t in s.tiers), "Tổng")
    points = _rows(doc, ("Điểm", "Nội dung kiểm tra", s.tiers[0].name_vi))
    for (point, counts, total), row in zip(s.by_point, points):
        assert row[0] == point.code and row[-1] == str(total)
        assert row[2:-1] == [str(counts.get(t.code, 0)) for t in s.tiers]
    assert points[-1][-1] == str(s.findings) == "2"
    records = _rows(doc, ("STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Nội dung đạt"))
    assert [r[1] for r in records] == [r["agency"].name for r in s.records]
    assert next(r for r in records if r[1] == p.skhcn.name)[4:] == ["R1, R3", "Cần khắc phục"]
    body = "\n".join(_texts(doc))
    assert f"- Tổng số phát hiện: {s.findings}." in body and f"- Cơ quan quá hạn báo cáo khắc phục: {s.late}." in body

    wb = load_workbook(io.BytesIO(documents.summary_xlsx(s)))
    assert wb.sheetnames == ["Tổng hợp", "Tại cơ quan", "Theo nội dung", "Hồ sơ, báo cáo"]
    totals = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert totals["Tổng số phát hiện"] == s.findings and totals["Cơ quan phải áp dụng"] == s.mandatory
    assert totals["Cơ quan quá hạn báo cáo khắc phục"] == s.late == 1
    assert totals["Cơ quan được kiểm tra tại cơ quan"] == len(s.inspected) == 3
    sheet = list(wb["Tại cơ quan"].iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[4]) for r in sheet] == [(i.agency.name, resp.findings) for i, resp in s.inspected]
    by_point = list(wb["Theo nội dung"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[-1]) for r in by_point[:-1]] == [(point.code, total) for point, _c, total in s.by_point]
    assert by_point[-1][-1] == s.findings


def test_old_records_with_control_characters_and_formulas(inspected):
    p, inspection = inspected, inspected.inspection
    # Rows stored before the cleaner existed may hold what XML cannot: the documents still open.
    # (No NUL: PostgreSQL cannot store one, so no old row holds it.)
    Agency.objects.filter(pk=p.stp.pk).update(name="=HYPERLINK(\"http://x\")\x01 Sở\x0b Tư pháp\x1f")
    Inspection.objects.filter(pk=inspection.pk).update(conclusions="Kết luận\x01\x7f", decision_number="4\x025/QĐ")
    inspection.answers.filter(point="1").update(evidence="Bằng\x08 chứng")
    inspection.findings.filter(point="5").update(description="+Phát hiện\x1b")
    inspection = Inspection.objects.select_related("plan", "agency").get(pk=inspection.pk)
    for data in (documents.decision_docx(inspection), documents.record_docx(inspection),
                 documents.plan_docx(inspection.plan)):
        text = docx_text(data)  # opens, and fails on a control character
        assert "Sở\n Tư pháp" in text
    assert "Bằng chứng" in docx_text(documents.record_docx(inspection))
    s = selectors.summary(inspection.plan, today=day(11, 20))
    assert "Sở\n Tư pháp" in docx_text(documents.summary_docx(s))
    cells = xlsx_cells(documents.summary_xlsx(s))  # opens, no formula, no control character
    name = next(c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK"))
    assert name.data_type == "s" and name.value == "=HYPERLINK(\"http://x\") Sở\n Tư pháp"


def test_the_record_as_pdf_beside_its_word_file(inspected, as_user):
    require_libreoffice()
    from django.urls import reverse
    from pypdf import PdfReader

    inspection = inspected.inspection
    response = as_user(inspected.inspector).get(reverse("inspections:record_pdf", args=[inspection.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'bien-ban-kiem-tra-{inspection.agency.code}-{inspection.plan.year}.pdf' in response["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert NATIONAL_TITLE in text and "BIÊN BẢN" in text and str(inspected.inspector) in text
    assert "Chưa đánh giá nội bộ trong 12 tháng" in text  # a finding
