"""The Word file of a template version, in the framework model's layout (Decision 101/QĐ-BKHCN, 2019).

A header (the agency, the document's title, its code, issue number and date), the sign-off table (drafted,
reviewed, approved by), the amendment log, then the numbered sections; a procedure's steps are a table (who does
what, when, which records). Written with python-docx rather than a docxtpl template because the sections and the
steps vary in number; the agency gets an editable file. The layout's words are the framework model's and are
written in Vietnamese whatever the reader's language; every stored text passes core.text.document_text.
"""
import io

from docx import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from isogov.core.official import BLANK, short_date
from isogov.core.text import document_text
from isogov.library import rules

HEADINGS = {
    "purpose": "MỤC ĐÍCH", "scope": "PHẠM VI ÁP DỤNG", "references": "TÀI LIỆU VIỆN DẪN",
    "definitions": "ĐỊNH NGHĨA VÀ CHỮ VIẾT TẮT", "body": "NỘI DUNG", "steps": "NỘI DUNG QUY TRÌNH",
    "forms": "BIỂU MẪU", "records": "HỒ SƠ CẦN LƯU",
}
STEP_HEADERS = ("Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian", "Biểu mẫu, hồ sơ")
SIGN_OFF = ("Người soạn thảo", "Người xem xét", "Người phê duyệt")
FONT = "Times New Roman"


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)


def _cell(cell, text: str, *, bold: bool = False, center: bool = False, size: int | None = None) -> None:
    cell.text = ""
    lines = document_text(text).split("\n")
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, rows: list[list[str]], *, header: bool = True, size: int = 12, widths=()):
    """`widths` in mm, one per column (the text area is 160 mm wide); Word and LibreOffice read them per cell."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = not widths
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            _cell(cell, text, bold=header and r == 0, center=header and r == 0, size=size)
            if widths:
                cell.width = Mm(widths[c])
    for c, width in enumerate(widths):
        table.columns[c].width = Mm(width)  # the grid, which LibreOffice reads
    return table


def _paragraphs(document, text: str) -> None:
    for line in document_text(text).split("\n"):
        if line.strip():
            paragraph = document.add_paragraph(line.strip())
            paragraph.paragraph_format.first_line_indent = Mm(10)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def render(version, *, history, agency_name: str = "", code: str = "") -> bytes:
    """`history`: the template's versions up to `version`, oldest first (the amendment log);
    `agency_name` and `code`: the adopting agency's, or blank for the province's model."""
    template = version.template
    document = Docx()
    _font(document)
    head = document.add_table(rows=1, cols=3)
    head.style = "Table Grid"
    _cell(head.cell(0, 0), (agency_name or "TÊN CƠ QUAN").upper(), bold=True, center=True, size=12)
    _cell(head.cell(0, 1), document_text(template.title).upper(), bold=True, center=True, size=13)
    _cell(head.cell(0, 2), f"Mã hiệu: {code or template.code}\nLần ban hành: {version.label}\n"
                           f"Ngày ban hành: {short_date(None) if agency_name else short_date(version.published_on)}",
          size=12)
    document.add_paragraph()
    # The signature row is tall enough to sign in.
    sign_off = _table(document, widths=(25, 45, 45, 45), rows=[
        ["", *SIGN_OFF], ["Họ và tên", BLANK, BLANK, BLANK], ["Chữ ký", "", "", ""], ["Chức vụ", BLANK, BLANK, BLANK]])
    sign_off.rows[2].height = Mm(18)
    document.add_paragraph()
    document.add_paragraph().add_run("THEO DÕI TÌNH TRẠNG SỬA ĐỔI").bold = True
    log = [["Lần", "Ngày", "Nội dung sửa đổi", "Căn cứ"]]
    log += [[v.label, short_date(v.published_on), v.why or "Ban hành lần đầu", v.legal_basis] for v in history]
    _table(document, log, widths=(15, 25, 80, 40))
    for number, name in enumerate(rules.sections_of(template.kind), start=1):
        text = getattr(version, name)
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.add_run(f"{number}. {HEADINGS[name]}").bold = True
        if name == "steps" and (rows := rules.steps_rows(text)):
            _table(document, [list(STEP_HEADERS), *rows], size=11, widths=(14, 60, 32, 22, 32))
        elif text.strip():
            _paragraphs(document, text)
        else:
            document.add_paragraph(BLANK)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
