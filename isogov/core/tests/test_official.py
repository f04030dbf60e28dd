"""The Decree 30/2020/NĐ-CP builder: every part where the decree puts it, in a file Word opens."""
import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from isogov.core.official import (
    MOTTO,
    NATIONAL_TITLE,
    Signer,
    abbreviation,
    document_number,
    official_document,
    paragraph,
    to_bytes,
    vn_date,
)
from isogov.core.tests.hostile import CONTROL


def _open(doc) -> Document:
    return Document(io.BytesIO(to_bytes(doc)))


def _paragraphs(doc) -> list[Paragraph]:
    return [Paragraph(p, doc) for p in doc.element.body.iter(qn("w:p"))]


def _find(doc, text: str) -> Paragraph:
    return next(p for p in _paragraphs(doc) if p.text == text)


def _sample(**overrides):
    values = dict(issuer="Chi cục Tiêu chuẩn Đo lường Chất lượng", superior="Sở Khoa học và Công nghệ",
                  number="12/KH-CCTĐC", place="Trà Vinh", date=dt.date(2020, 3, 5), kind="Kế hoạch",
                  summary="Kiểm tra việc áp dụng HTQLCL năm 2020", body=["Đoạn thứ nhất.", "Đoạn thứ hai."],
                  recipients=["UBND tỉnh", "Lưu: VT"], signer_title="Chi cục trưởng", signer_name="Nguyễn Văn An",
                  authority="")
    values.update(overrides)
    return official_document(**values)


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


def test_page_font_and_parts():
    doc = _open(_sample())
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

    # The heading: the issuing body (its superior above) on the left, the national title on the right.
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG", "Số: 12/KH-CCTĐC"]
    assert all(r.bold for r in _find(doc, "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG").runs)
    assert not any(r.bold for r in _find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ").runs)
    title, motto = _find(doc, NATIONAL_TITLE), _find(doc, MOTTO)
    assert title in right.paragraphs or title.text in right.text
    assert all(r.bold for r in title.runs) and all(r.bold and r.underline for r in motto.runs)
    date_line = _find(doc, "Trà Vinh, ngày 05 tháng 3 năm 2020")
    assert date_line.text in right.text and all(r.italic for r in date_line.runs)

    kind, summary = _find(doc, "KẾ HOẠCH"), _find(doc, "Kiểm tra việc áp dụng HTQLCL năm 2020")
    for p in (kind, summary):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in p.runs)
    assert _find(doc, "Đoạn thứ nhất.").alignment == WD_ALIGN_PARAGRAPH.JUSTIFY

    # The foot: recipients on the left, the signature block on the right.
    recipients, sign = doc.tables[-1].rows[0].cells
    heading = recipients.paragraphs[0]
    assert heading.text == "Nơi nhận:" and all(r.bold and r.italic for r in heading.runs)
    assert [p.text for p in recipients.paragraphs[1:]] == ["- UBND tỉnh;", "- Lưu: VT."]
    assert all(r.font.size == Pt(11) for p in recipients.paragraphs[1:] for r in p.runs)
    assert [p.text for p in sign.paragraphs if p.text] == ["CHI CỤC TRƯỞNG", "Nguyễn Văn An"]


def test_authority_and_body_written_by_a_function():
    def body(doc):
        paragraph(doc, "Điều 1. Nội dung.", bold=True)

    doc = _open(_sample(body=body, authority="KT. Giám đốc", signer_title="Phó Giám đốc", date=None))
    assert all(r.bold for r in _find(doc, "Điều 1. Nội dung.").runs)
    assert [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text] == [
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert "Trà Vinh, ngày … tháng … năm 20…" in doc.tables[0].rows[0].cells[1].text


def test_two_signers_side_by_side_without_recipients():
    doc = _open(_sample(recipients=[], signers=[Signer("Đại diện cơ quan được kiểm tra"),
                                                Signer("Trưởng đoàn kiểm tra", "Trần Văn Lâm")]))
    left, right = doc.tables[-1].rows[0].cells
    assert left.text.strip() == "ĐẠI DIỆN CƠ QUAN ĐƯỢC KIỂM TRA"
    assert [p.text for p in right.paragraphs if p.text] == ["TRƯỞNG ĐOÀN KIỂM TRA", "Trần Văn Lâm"]
    assert "Nơi nhận:" not in "\n".join(p.text for p in _paragraphs(doc))


def test_control_characters_do_not_break_the_file():
    bad = "\x00\x01\x08\x0e\x1f\x7f\x9f\ud800\ufffe"
    doc = _open(_sample(issuer=f"Chi cục{bad} TĐC", superior=f"Sở{bad}", number=f"12{bad}/KH", place=f"Trà{bad} Vinh",
                        kind=f"Kế{bad} hoạch", summary=f"Tóm{bad} tắt", body=[f"Dòng\x0bmới{bad}", "=1+1"],
                        recipients=[f"Nơi{bad} một"], signer_title=f"Chức{bad} vụ", signer_name=f"Tên{bad}",
                        authority=f"KT.{bad}"))
    texts = [p.text for p in _paragraphs(doc)]
    assert not any(CONTROL.search(t) for t in texts)
    assert "Dòng\nmới" in texts and "=1+1" in texts and "CHI CỤC TĐC" in texts and "- Nơi một." in texts
    assert "Trà Vinh, ngày 05 tháng 3 năm 2020" in texts and "TÊN" not in texts and "Tên" in texts
