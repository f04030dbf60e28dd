"""The report pages: who reads and who writes (and the guard broken once), the downloads, the text's trail."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.accounts.access import objects as access_objects
from isogov.audit.models import AuditEvent
from isogov.core.official import pdf as official_pdf
from isogov.reports.models import AnnualText
from isogov.reports.tests import extract

pytestmark = pytest.mark.django_db


def test_the_province_report_page_and_its_files(province, as_user):
    client = as_user(province.viewer)
    page = client.get(reverse("reports:province", args=[2020]))
    assert page.status_code == 200
    assert b'data-testid="section-qms"' in page.content and b"Edit the text" not in page.content
    # a tier's figure opens the dashboard's list of the agencies it counts, as they stood on 31/12
    assert b"/dashboard/agencies/?figure=announced&amp;as_of=2020-12-31&amp;tier=district" in page.content
    xlsx = client.get(reverse("reports:province_file", args=[2020, "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="bao-cao-iso-2020.xlsx"'
    assert extract.xlsx_rows(xlsx.content)[0][0].endswith("2020")
    docx = client.get(reverse("reports:province_file", args=[2020, "docx"]))
    assert "Độc lập - Tự do - Hạnh phúc" in extract.docx_text(docx.content)
    assert client.get(reverse("reports:province_file", args=[2020, "odt"])).status_code == 404
    assert client.get(reverse("reports:province", args=[2013])).status_code == 404  # before Decision 19/2014
    assert client.get(reverse("reports:province", args=[timezone.localdate().year + 1])).status_code == 404
    this_year = client.get(reverse("reports:province", args=[timezone.localdate().year]))
    assert b'data-testid="provisional"' in this_year.content


def test_agency_staff_do_not_see_the_province_report(province, as_user):
    assert as_user(province.alice).get(reverse("reports:province", args=[2020])).status_code == 404


def test_a_secretary_reads_her_agencys_report_not_anothers(province, as_user):
    client = as_user(province.alice)
    assert client.get(reverse("reports:agency", args=[2020, "842"])).status_code == 200
    assert client.get(reverse("reports:agency", args=[2020, "29242"])).status_code == 200  # her district's commune
    for name, extra in (("reports:agency", []), ("reports:agency_file", ["docx"]), ("reports:agency_text", [])):
        assert client.get(reverse(name, args=[2020, "844", *extra])).status_code == 404


def test_a_viewer_reads_but_does_not_write_the_text(province, as_user):
    client = as_user(province.viewer)
    assert client.get(reverse("reports:agency", args=[2020, "844"])).status_code == 200
    assert client.get(reverse("reports:agency_text", args=[2020, "844"])).status_code == 403
    assert client.post(reverse("reports:province_text", args=[2020]), {"proposals": "x"}).status_code == 403
    assert not AnnualText.objects.exists()


def test_breaking_the_guard_lets_the_viewer_write(province, as_user, monkeypatch):
    """The guard, broken once: the same request that was refused now writes. The test above would go red."""
    monkeypatch.setattr(access_objects, "require_programme_manager", lambda user: None)
    response = as_user(province.viewer).post(reverse("reports:province_text", args=[2020]), {"proposals": "x"})
    assert response.status_code == 302
    assert AnnualText.objects.get(year=2020, agency=None).proposals == "x"


def test_the_secretary_writes_her_agencys_text_and_the_trail_keeps_it(province, as_user):
    client = as_user(province.alice)
    url = reverse("reports:agency_text", args=[2020, "842"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"number": "12/BC-UBND", "signed_on": "15/12/2020", "signer_title": "Chủ tịch",
                                 "signer_name": "Nguyễn Văn B", "difficulties": "Thiếu nhân sự",
                                 "proposals": "Tập huấn thêm", "remarks": ""})
    assert response.status_code == 302
    text = AnnualText.objects.get(year=2020, agency=province.d842)
    assert (text.signed_on, text.difficulties, text.updated_by) == (dt.date(2020, 12, 15), "Thiếu nhân sự",
                                                                    province.alice)
    event = AuditEvent.objects.get(object_type="reports.annualtext")
    assert event.agency == province.d842 and event.changes["proposals"] == "Tập huấn thêm"
    client.post(url, {"number": "12/BC-UBND", "signed_on": "15/12/2020", "signer_title": "Chủ tịch",
                      "signer_name": "Nguyễn Văn B", "difficulties": "Thiếu nhân sự", "proposals": "Khác"})
    update = AuditEvent.objects.filter(object_type="reports.annualtext").first()
    assert update.changes == {"proposals": ["Tập huấn thêm", "Khác"]}
    page = client.get(reverse("reports:agency", args=[2020, "842"]))
    assert "Thiếu nhân sự" in page.content.decode()
    docx = client.get(reverse("reports:agency_file", args=[2020, "842", "docx"]))
    text = extract.docx_text(docx.content)
    assert "Số: 12/BC-UBND" in text and "ngày 15 tháng 12 năm 2020" in text and "Thiếu nhân sự" in text
    # A People's Committee issues in its own name and its chair signs on behalf of the body, to the lead unit.
    for part in ("ỦY BAN NHÂN DÂN THÀNH PHỐ TRÀ VINH", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn B",
                 "Nơi nhận:", "- Sở Khoa học và Công nghệ;", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc"):
        assert part in text, part


def test_a_bad_date_is_shown_beside_the_field(province, as_user):
    response = as_user(province.admin).post(reverse("reports:province_text", args=[2020]),
                                             {"signed_on": "31/02/2020", "proposals": "giữ lại"})
    assert response.status_code == 400
    assert "giữ lại" in response.content.decode()
    assert not AnnualText.objects.exists()


def test_without_libreoffice_the_pdf_link_says_so(province, as_user, monkeypatch):
    monkeypatch.setattr(official_pdf, "soffice", lambda: None)
    response = as_user(province.viewer).get(reverse("reports:province_file", args=[2020, "pdf"]))
    assert response.status_code == 503
    assert b"LibreOffice" in response.content
    assert reverse("reports:province_file", args=[2020, "docx"]).encode() in response.content


def test_breaking_the_read_guard_shows_another_agencys_report(province, as_user, monkeypatch):
    from isogov.registry.models import Agency

    monkeypatch.setattr(access_objects, "access_agency", lambda user, code, write=False: Agency.objects.get(code=code))
    assert as_user(province.alice).get(reverse("reports:agency", args=[2020, "844"])).status_code == 200


def test_hostile_text_stays_text_in_every_file(province, as_user):
    """Markup is escaped in the Word file, a formula is a text cell in the workbook, and an old record's control
    character (stored before the cleaner) does not make either file unreadable."""
    from isogov.reports import services

    text = services.text_save(actor=province.admin, year=2020, agency=None, difficulties="<w:p>&amp; \"x\"",
                              proposals="=HYPERLINK(\"http://x\")")
    AnnualText.objects.filter(pk=text.pk).update(remarks="cũ\x07")
    client = as_user(province.admin)
    docx = extract.docx_text(client.get(reverse("reports:province_file", args=[2020, "docx"])).content)
    assert "<w:p>&amp; \"x\"" in docx and "cũ" in docx
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(reverse("reports:province_file", args=[2020, "xlsx"])).content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")")
    assert cell.data_type == "s"
