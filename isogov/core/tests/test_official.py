"""Decree 30/2020/NĐ-CP documents from Word templates: every packaged template lays out every part where the decree
puts it; the context is cleaned and escaped; a broken template says why; the PDF keeps its Vietnamese text."""
import datetime as dt
import io

import pytest
from django.test import RequestFactory
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from isogov.core import official
from isogov.core.official import (
    MOTTO,
    NATIONAL_TITLE,
    PdfUnavailable,
    Signer,
    TemplateBroken,
    abbreviation,
    document_number,
    vn_date,
)
from isogov.core.tests.docx_edit import edited
from isogov.core.tests.hostile import CONTROL
from isogov.core.tests.libreoffice import require_libreoffice

PAIRED = {"inspection_record"}  # a record signed by both parties: two blocks, no recipients


def _paragraphs(doc) -> list[Paragraph]:
    return [Paragraph(p, doc) for p in doc.element.body.iter(qn("w:p"))]


def _find(doc, text: str) -> Paragraph:
    return next(p for p in _paragraphs(doc) if p.text == text)


def _frame(key: str, **overrides) -> dict:
    values = dict(issuer="Chi cục Tiêu chuẩn Đo lường Chất lượng", superior="Sở Khoa học và Công nghệ", number="12",
                  symbol="KH-CCTĐC", place="Trà Vinh", date=dt.date(2020, 3, 5), kind="Kế hoạch",
                  summary="Kiểm tra việc áp dụng HTQLCL năm 2020", recipients=["UBND tỉnh", "Lưu: VT"],
                  signers=[Signer("Chi cục trưởng", "Nguyễn Văn An", "KT. Giám đốc")])
    if key in PAIRED:
        values["signers"] = [Signer("Đại diện cơ quan được kiểm tra"), Signer("Trưởng đoàn kiểm tra", "Trần Văn Lâm")]
    values.update(overrides)
    return official.frame(**values)


def _render(key: str, **overrides) -> Document:
    context = {**official.get(key).sample(), **_frame(key, **overrides)}
    return Document(io.BytesIO(official.render_docx(key, context)))


@pytest.mark.parametrize("day, words", [
    (dt.date(2020, 3, 5), "ngày 05 tháng 3 năm 2020"),
    (dt.date(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),  # months 1 and 2 take a leading zero
    (dt.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    (2026, "ngày … tháng … năm 2026"),
    (None, "ngày … tháng … năm 20…"),
])
def test_dates_are_written_as_the_decree_says(day, words):
    assert vn_date(day) == words


def test_numbers_and_symbols():
    assert abbreviation("Sở Khoa học và Công nghệ") == "SKHCN"
    assert abbreviation("Chi cục Tiêu chuẩn Đo lường Chất lượng") == "CCTCĐLCL"
    assert document_number("", "KH-SKHCN") == "…/KH-SKHCN"
    assert document_number("12", "KH-SKHCN") == "12/KH-SKHCN"
    assert document_number("45/QĐ-UBND", "KH-SKHCN") == "45/QĐ-UBND"


def test_the_frame_context():
    context = _frame("any")
    assert context["number"] == "12/KH-CCTĐC" and context["place_date"] == "Trà Vinh, ngày 05 tháng 3 năm 2020"
    assert context["issuer"] == "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG" and context["kind"] == "KẾ HOẠCH"
    assert context["recipients"] == ["- UBND tỉnh;", "- Lưu: VT."]
    assert context["signer"] == {"authority": "KT. GIÁM ĐỐC", "title": "CHI CỤC TRƯỞNG", "name": "Nguyễn Văn An"}
    assert (context["national_title"], context["motto"]) == (NATIONAL_TITLE, MOTTO)


def test_every_document_is_registered():
    assert {r.key for r in official.registered()} >= {
        "plan_report", "audit_report", "review_minutes", "inspection_plan", "inspection_decision",
        "inspection_record", "inspection_summary", "qms_announcement", "qms_announcement_notice"}


@pytest.mark.parametrize("key", sorted(r.key for r in official.registered()))
def test_every_template_lays_out_the_decree_30_frame(key):
    doc = _render(key)
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)] == [2.0, 2.0, 3.0, 2.0]
    assert section.different_first_page_header_footer
    assert section.header._element.find(".//" + qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Times New Roman"

    # The heading: the issuing body (its superior above) and its number on the left, the national title and
    # motto over the place and date on the right.
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG", "Số: 12/KH-CCTĐC"]
    assert all(r.bold for r in _find(doc, "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG").runs)
    assert not any(r.bold for r in _find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ").runs)
    title, motto = _find(doc, NATIONAL_TITLE), _find(doc, MOTTO)
    assert title.text in right.text and motto.text in right.text
    assert all(r.bold for r in title.runs) and all(r.bold and r.underline for r in motto.runs)
    date_line = _find(doc, "Trà Vinh, ngày 05 tháng 3 năm 2020")
    assert date_line.text in right.text and all(r.italic for r in date_line.runs)

    kind, summary = _find(doc, "KẾ HOẠCH"), _find(doc, "Kiểm tra việc áp dụng HTQLCL năm 2020")
    for p in (kind, summary):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in p.runs)

    # The foot: recipients on the left, the signature block (authority, title, room, name) on the right.
    foot = next(t for t in reversed(doc.tables) if "NGUYỄN" in t.rows[0].cells[-1].text.upper()
                or "TRẦN VĂN LÂM" in t.rows[0].cells[-1].text.upper())
    first, sign = foot.rows[0].cells
    if key in PAIRED:
        assert first.text.strip() == "ĐẠI DIỆN CƠ QUAN ĐƯỢC KIỂM TRA"
        assert [p.text for p in sign.paragraphs if p.text] == ["TRƯỞNG ĐOÀN KIỂM TRA", "Trần Văn Lâm"]
        return
    heading = first.paragraphs[0]
    assert heading.text == "Nơi nhận:" and all(r.bold and r.italic for r in heading.runs)
    assert [p.text for p in first.paragraphs[1:] if p.text] == ["- UBND tỉnh;", "- Lưu: VT."]
    assert all(r.font.size == Pt(11) for p in first.paragraphs[1:] for r in p.runs)
    assert [p.text for p in sign.paragraphs if p.text] == ["KT. GIÁM ĐỐC", "CHI CỤC TRƯỞNG", "Nguyễn Văn An"]


def test_no_superior_no_authority_no_date():
    doc = _render("audit_report", superior="", date=None, signers=[Signer("Trưởng đoàn đánh giá", "Lê Thị Hoa")])
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG",
                                                           "Số: 12/KH-CCTĐC"]
    assert "Trà Vinh, ngày … tháng … năm 20…" in right.text
    assert [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text] == [
        "TRƯỞNG ĐOÀN ĐÁNH GIÁ", "Lê Thị Hoa"]


def test_control_characters_and_markup_stay_text():
    bad = "\x00\x01\x08\x0e\x1f\x7f\x9f\ud800\ufffe"
    doc = _render("review_minutes", issuer=f"Chi cục{bad} TĐC", superior=f"Sở{bad}", number=f"12{bad}",
                  place=f"Trà{bad} Vinh", summary=f"<b>Tóm</b> & {{{{ tắt }}}}{bad}", recipients=[f"Nơi{bad} một"],
                  signers=[Signer(f"Chức{bad} vụ", f"Tên{bad}\x0bmới", f"KT.{bad}")])
    texts = [p.text for p in _paragraphs(doc)]
    assert not any(CONTROL.search(t) for t in texts)
    assert "<b>Tóm</b> & {{ tắt }}" in texts  # escaped, not markup; a tag in a value is not run
    assert "CHI CỤC TĐC" in texts and "- Nơi một." in texts and "Tên\nmới" in texts
    assert "Trà Vinh, ngày 05 tháng 3 năm 2020" in texts


def test_a_broken_template_says_why_and_where():
    with pytest.raises(TemplateBroken):
        official.render_bytes(b"not a Word file", {})
    source = edited(official.template_bytes("review_minutes"), "{{ chair }}", "{{ chair ")
    with pytest.raises(TemplateBroken) as broken:
        official.render_bytes(source, official.get("review_minutes").sample())
    assert broken.value.message and "Chủ trì" in broken.value.line  # the label beside the faulty tag


def test_a_template_cannot_reach_python_internals():
    source = edited(official.template_bytes("review_minutes"), "{{ chair }}",
                    "{{ chair.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateBroken) as unsafe:
        official.render_bytes(source, official.get("review_minutes").sample())
    assert "unsafe" in unsafe.value.message


# --- the PDF --------------------------------------------------------------------------------------------------

@pytest.fixture
def libreoffice():
    require_libreoffice()


def test_the_pdf_keeps_its_vietnamese_text(libreoffice):
    from pypdf import PdfReader

    context = {**official.get("inspection_decision").sample(), **_frame("inspection_decision")}
    data = official.render_pdf("inspection_decision", context)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert data.startswith(b"%PDF")
    assert NATIONAL_TITLE in text and "12/KH-CCTĐC" in text and "Nguyễn Văn An" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_without_libreoffice_the_pdf_link_explains(monkeypatch, rf: RequestFactory):
    monkeypatch.setattr(official.pdf, "soffice", lambda: None)
    context = {**official.get("review_minutes").sample()}
    with pytest.raises(PdfUnavailable) as missing:
        official.render_pdf("review_minutes", context)
    assert "LibreOffice" in missing.value.message
    request = rf.get("/minutes.pdf")
    request.user = None
    response = official.document_response(request, key="review_minutes", context=context, filename="x", fmt="pdf",
                                          docx_url="/minutes.docx")
    page = response.content.decode()
    assert response.status_code == 503 and "LibreOffice" in page and 'href="/minutes.docx"' in page


def test_a_conversion_that_hangs_is_given_up(settings, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    settings.ISOGOV = {**settings.ISOGOV, "SOFFICE": str(hanging), "PDF_TIMEOUT_SECONDS": 1}
    with pytest.raises(PdfUnavailable) as slow:
        official.docx_to_pdf(b"PK")
    assert "within 1 seconds" in slow.value.message
