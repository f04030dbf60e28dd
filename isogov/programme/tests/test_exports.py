import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from isogov.core.official import vn_date

pytestmark = pytest.mark.django_db


def test_xlsx_holds_the_figures_of_the_page(province, as_user, plan2020):
    client = as_user(province.admin)
    response = client.get(reverse("programme:plan_xlsx", args=[plan2020.plan.pk]))
    assert response.status_code == 200 and response["Content-Type"].endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 4
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(values_only=True)}
    assert 104_500_000 in summary.values() and 40_500_000 in summary.values() and 47 in summary.values()
    assert list(summary.values())[6:10] == [104_500_000, 99_500_000, 20_000_000, 40_500_000]  # the four figures
    activities = list(wb.worksheets[1].iter_rows(values_only=True))
    assert [r[1] for r in activities[1:]] == ["Hội nghị triển khai", "Duy trì HTQLCL", "Kiểm tra Càng Long",
                                              "Xây dựng kế hoạch"]
    assert activities[2][6] == 40
    budget = list(wb.worksheets[2].iter_rows(values_only=True))
    maintenance = next(r for r in budget if r[1] == "Hỗ trợ duy trì HTQLCL")
    assert maintenance[3:] == (40_000_000, 40_000_000, 0, 12_000_000)
    assert budget[-1][3:] == (104_500_000, 99_500_000, 20_000_000, 40_500_000)
    # The page shows the same figures.
    page = client.get(reverse("programme:plan_budget", args=[plan2020.plan.pk])).content.decode()
    assert "104.500.000" in page and "40.500.000" in page and "12.000.000" in page


def test_docx_is_a_report_to_sign_with_the_same_figures(province, as_user, plan2020):
    response = as_user(province.admin).get(reverse("programme:plan_docx", args=[plan2020.plan.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Kế hoạch duy trì ISO 2020" in text and "99/QĐ-UBND" in text and "15/01/2020" in text
    # Decree 30: the national title and motto over the place and date (top right), the signature block at the foot.
    assert any(c.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") for c in cells)
    today = timezone.localdate()
    assert any(f"{settings.ISOGOV['PROVINCE_NAME']}, {vn_date(today)}" in c for c in cells)
    assert doc.tables[-1].rows[0].cells[1].text.strip().startswith("GIÁM ĐỐC")
    activities = doc.tables[2]
    assert [r.cells[1].text for r in activities.rows[1:]] == ["Hội nghị triển khai", "Duy trì HTQLCL",
                                                              "Kiểm tra Càng Long", "Xây dựng kế hoạch"]
    assert activities.rows[2].cells[6].text == "40"
    budget = doc.tables[3]
    line = next(r for r in budget.rows if "Hỗ trợ duy trì HTQLCL" in r.cells[0].text)
    assert line.cells[5].text == "12.000.000"
    assert [c.text for c in budget.rows[-1].cells][2:] == ["104.500.000", "99.500.000", "20.000.000", "40.500.000"]


def test_exports_show_an_agency_only_its_activities(province, as_user, plan2020):
    response = as_user(province.bob).get(reverse("programme:plan_xlsx", args=[plan2020.plan.pk]))
    wb = load_workbook(io.BytesIO(response.content))
    assert [r[1] for r in list(wb.worksheets[1].iter_rows(values_only=True))[1:]] == [
        "Hội nghị triển khai", "Kiểm tra Càng Long"]
    assert as_user(province.bob).get(reverse("programme:plan_docx", args=[999])).status_code == 404


def test_exports_hold_the_objectives_measured_as_on_the_page(province, as_user, plan2020):
    """plan2020's objectives over the 7 active agencies, none announced or maintaining but 842 (set here):
    (1) announced or maintaining, all tiers, 1/7 = 14%: province 0/2, district 1/2, commune 0/3;
    (2) maintaining, district level only, 1/2 = 50%."""
    from isogov.registry.models import Agency

    Agency.objects.update(qms_state="building")
    Agency.objects.filter(code="842").update(qms_state="maintaining")
    client = as_user(province.admin)
    page = client.get(reverse("programme:plan_detail", args=[plan2020.plan.pk])).content.decode()
    assert "14%</strong> (1/7)" in page and "50%</strong> (1/2)" in page
    wb = load_workbook(io.BytesIO(client.get(reverse("programme:plan_xlsx", args=[plan2020.plan.pk])).content))
    rows = list(wb["Mục tiêu"].iter_rows(values_only=True))
    assert rows[1][0] == 1 and rows[1][1] == "Mọi cơ quan công bố và duy trì HTQLCL" and rows[1][3] == 100
    assert rows[1][4] == "14% (1/7); Cấp tỉnh: 0% (0/2); Cấp huyện: 50% (1/2); Cấp xã: 0% (0/3)"
    assert rows[2][3] == 50 and rows[2][4] == "50% (1/2)"
    doc = Document(io.BytesIO(client.get(reverse("programme:plan_docx", args=[plan2020.plan.pk])).content))
    objectives = doc.tables[1]
    assert [c.text for c in objectives.rows[2].cells] == [
        "2", "Cấp huyện duy trì HTQLCL", "Tỷ lệ đơn vị duy trì HTQLCL (Cấp huyện)", "50", "50% (1/2)"]
