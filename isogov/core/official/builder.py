"""Signable administrative documents in the format of Decree 30/2020/NĐ-CP (Annex I), as Word files.

The parts, in the places the decree gives them: the issuing body (its superior above it) top-left with the number
and symbol under it; the national title and motto top-right with the place and date under them; the document's
type and summary centred; the body; "Nơi nhận" bottom-left and the signature block bottom-right. A4, margins
20/20/30/20 mm, Times New Roman. The wording of these parts is the law's and is never translated.

Every text passes core.text.document_text: a record stored before the cleaner existed may hold control
characters, which DOCX (XML 1.0) cannot.
"""
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from isogov.core.official.words import BLANK, MOTTO, NATIONAL_TITLE, Signer, vn_date
from isogov.core.text import document_text

FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 12  # the issuing body (12–13 pt): 12 keeps "SỞ KHOA HỌC VÀ CÔNG NGHỆ" on one line
TITLE_PT = 12  # the national title, on one line (12–13 pt)
RECIPIENTS_PT = 11  # the list of recipients (11 pt); its heading 12 pt
PAGE = (Cm(21), Cm(29.7))
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(2)}
TEXT_WIDTH = Cm(16)  # 21 - 3 - 2
LEFT_WIDTH = Cm(6.5)  # the issuing body's column; the national title takes the rest (9.5 cm: one line at 12 pt)

Body = Callable[[Document], None] | Iterable[str]


def _fonts(element_rpr, name: str) -> None:
    fonts = element_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element_rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _setup(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), FONT)
    # Word falls back on the theme's fonts (Calibri) wherever a style names none: the defaults name ours too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr is not None and rpr.find(qn("w:rPr")) is not None:
        _fonts(rpr.find(qn("w:rPr")), FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _page_numbers(doc: Document) -> None:
    """From the second page on, the page's number centred at the top (Decree 30, Annex I); none on the first."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "2"
    run.append(number)
    field.append(run)
    p._p.append(field)


def text(paragraph, value, *, bold=False, italic=False, underline=False, size: float | None = None):
    """A run of `value` (cleaned for XML; newlines become line breaks) added to `paragraph`."""
    run = paragraph.add_run(document_text(value))
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return run


def paragraph(container, value="", *, bold=False, italic=False, underline=False, size: float | None = None,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, after: float = 6, first=None):
    """A body paragraph: justified, 6 pt after, the first line indented by 1 cm when `indent`. `first` is
    the paragraph to fill instead of a new one (a table cell's own)."""
    p = first if first is not None else container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    if value != "":
        text(p, value, bold=bold, italic=italic, underline=underline, size=size)
    return p


def centred(container, value="", *, first=None, after: float = 0, **style):
    return paragraph(container, value, align=WD_ALIGN_PARAGRAPH.CENTER, first=first, after=after, **style)


def rule(container, *, width_share: float = 0.4, column=TEXT_WIDTH) -> None:
    """The short solid line under the issuing body, the motto or the summary: a bottom border on an empty
    paragraph, narrowed by its indents to a share of the column and centred."""
    p = container.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    # Word refuses paragraph properties out of the schema's order: the border comes before the spacing and
    # indents, which python-docx then inserts in their places.
    p._p.get_or_add_pPr().append(border)
    side = int(column * (1 - width_share) / 2)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = Pt(2)


def _columns(doc: Document, widths: Sequence) -> list:
    """A borderless row of cells of the given widths (a table with no style draws no lines)."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, widths)
    _unbroken(table)
    return table.rows[0].cells


def _unbroken(table) -> None:
    """A signature block, a header: its row is never split across two pages (a name alone on the last page)."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _widths(table, widths: Sequence) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: both are set."""
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def grid(doc: Document, heads: Sequence[str], rows: Iterable[Sequence], *, widths: Sequence | None = None,
         size: float = 12, centre: frozenset[int] = frozenset({0})):
    """A ruled table for the body: bold heads, one row per item, every cell cleaned."""
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, head in enumerate(heads):
        centred(None, head, first=table.rows[0].cells[i].paragraphs[0], bold=True, size=size)
    for values in rows:
        cells = table.add_row().cells
        for i, value in enumerate(values):
            p = cells[i].paragraphs[0]
            align = WD_ALIGN_PARAGRAPH.CENTER if i in centre else WD_ALIGN_PARAGRAPH.LEFT
            paragraph(None, "" if value is None else str(value), first=p, size=size, align=align, after=0)
    if widths:
        table.autofit = False
        _widths(table, widths)
    doc.add_paragraph()
    return table


def signature(cell, signer: Signer, *, first: bool = True) -> None:
    p = cell.paragraphs[0] if first else None
    if signer.authority:
        centred(cell, signer.authority.upper(), first=p, bold=True, size=BODY_PT)
        p = None
    centred(cell, signer.title.upper(), first=p, bold=True, size=BODY_PT)
    for _ in range(4):  # room for the signature and the seal
        centred(cell, "")
    centred(cell, signer.name, bold=True, size=BODY_PT)


def signatures(doc: Document, signers: Sequence[Signer]) -> None:
    """Signature blocks side by side, the first on the left (a record signed by both parties)."""
    width = int(TEXT_WIDTH / len(signers))
    for cell, signer in zip(_columns(doc, [width] * len(signers)), signers):
        signature(cell, signer)


def _recipients(cell, recipients: Sequence[str]) -> None:
    paragraph(None, "Nơi nhận:", first=cell.paragraphs[0], bold=True, italic=True, size=12,
              align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    for i, name in enumerate(recipients):
        name = document_text(name).strip().rstrip(";.")
        end = "." if i == len(recipients) - 1 else ";"
        paragraph(cell, f"- {name}{end}", size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)


def official_document(*, issuer: str, superior: str = "", number: str, place: str, date: dt.date | int | None,
                      kind: str, summary: str, body: Body, recipients: Sequence[str] = (), signer_title: str = "",
                      signer_name: str = "", authority: str = "", signers: Sequence[Signer] = ()) -> Document:
    """A Decree 30 document. `number` is the full number and symbol ("12/KH-CCTĐC", see document_number);
    `date` a date, or the year alone while the document is not dated; `body` a list of paragraphs or a
    function that writes into the document. `signers`, when given, are placed side by side instead of the one
    block of `authority`, `signer_title` and `signer_name`."""
    doc = Document()
    _setup(doc)
    _page_numbers(doc)
    left, right = _columns(doc, [LEFT_WIDTH, TEXT_WIDTH - LEFT_WIDTH])
    first = left.paragraphs[0]
    if superior:
        centred(left, superior.upper(), first=first, size=HEAD_PT)
        first = None
    centred(left, issuer.upper(), first=first, bold=True, size=HEAD_PT)
    rule(left, width_share=0.45, column=LEFT_WIDTH)
    centred(left, f"Số: {document_text(number)}", size=HEAD_PT)

    centred(right, NATIONAL_TITLE, first=right.paragraphs[0], bold=True, size=TITLE_PT)
    centred(right, MOTTO, bold=True, underline=True, size=BODY_PT, after=6)
    centred(right, "")
    where = f"{document_text(place)}, " if place else f"{BLANK}, "
    centred(right, where + vn_date(date), italic=True, size=BODY_PT)

    doc.add_paragraph()
    centred(doc, kind.upper(), bold=True, size=BODY_PT)
    centred(doc, summary, bold=True, size=BODY_PT)
    rule(doc, width_share=0.25)

    if callable(body):
        body(doc)
    else:
        for line in body:
            paragraph(doc, line, indent=True)

    doc.add_paragraph()
    if signers:
        signatures(doc, signers)
        if recipients:
            doc.add_paragraph()
            _recipients(_columns(doc, [TEXT_WIDTH])[0], recipients)
        return doc
    left, right = _columns(doc, [LEFT_WIDTH, TEXT_WIDTH - LEFT_WIDTH])
    if recipients:
        _recipients(left, recipients)
    signature(right, Signer(signer_title, signer_name, authority))
    return doc


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
