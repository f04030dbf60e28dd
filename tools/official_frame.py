"""The Decree 30/2020/NĐ-CP frame of the packaged templates (docxtpl: Jinja tags in Word files), in python-docx.

Used by tools/make_official_templates.py (and any area's own template script): `document(path, body)` lays out
A4 with margins 20/20/30/20 mm, Times New Roman 14 pt, the issuing body and the national title side by side, type
and summary centred, "Nơi nhận" and the signature block at the foot, and calls `body(doc)` to write the
document's own part as Jinja tags over the context its area builds. isogov.core.official.frame gives the frame's
keys: superior, issuer, number, place_date, kind, summary, recipients, signer, signers, national_title, motto.
"""
import pathlib

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 12  # the issuing body (12–13 pt): 12 keeps "SỞ KHOA HỌC VÀ CÔNG NGHỆ" on one line
TITLE_PT = 12  # the national title, on one line (12–13 pt)
RECIPIENTS_PT = 11
TEXT_WIDTH = Cm(16)  # 21 - 3 - 2
LEFT_WIDTH = Cm(6.5)
FACT_WIDTHS = (Cm(5), Cm(11))
LEFT, CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


# The layout helpers

def _fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr())
    # Word falls back on the theme's fonts (Calibri) wherever a style names none: the defaults name ours too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr is not None and rpr.find(qn("w:rPr")) is not None:
        _fonts(rpr.find(qn("w:rPr")))
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0


def _page_numbers(doc) -> None:
    """From the second page on, the page's number centred at the top (Decree 30, Annex I); none on the first."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, number = OxmlElement("w:r"), OxmlElement("w:t")
    number.text = "2"
    run.append(number)
    field.append(run)
    p._p.append(field)


def para(container, value="", *, bold=False, italic=False, underline=False, size=None, align=JUSTIFY,
         indent=False, after=6, first=None):
    """One paragraph (one run, so a Jinja tag is never split); `first` fills a cell's own paragraph."""
    p = first if first is not None else container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    if value:
        run = p.add_run(value)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    return p


def centred(container, value="", *, after=0, **style):
    return para(container, value, align=CENTER, after=after, **style)


def tag(container, value):
    """A paragraph holding only a paragraph-level tag ({%p for … %}): docxtpl removes it when rendering."""
    return para(container, value, align=LEFT, after=0)


def rule(container, *, share=0.4, column=TEXT_WIDTH) -> None:
    """The short solid line under the issuing body, the motto or the summary."""
    p = container.add_paragraph()
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)  # before the spacing and indents, as the schema's order wants
    side = int(column * (1 - share) / 2)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = Pt(2)


def _widths(table, widths) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: both are set."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def columns(doc, widths) -> list:
    """A borderless row of cells that is never split across two pages."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    # No inner margins: the issuing body's longest line ("SỞ KHOA HỌC VÀ CÔNG NGHỆ") keeps to one line.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    return table.rows[0].cells


def grid(doc, heads, row, loop, *, widths, size=12, centre=frozenset({0}), footer=()):
    """A ruled table: bold heads, then one row per item of `loop` ("r in rows"), its cells the tags `row`, then
    the bold `footer` row when given (a total)."""
    table = doc.add_table(rows=4 + bool(footer), cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, head in enumerate(heads):
        centred(None, head, first=table.rows[0].cells[i].paragraphs[0], bold=True, size=size)
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for i, value in enumerate(row):
        para(None, value, first=table.rows[2].cells[i].paragraphs[0], size=size, after=0,
             align=CENTER if i in centre else LEFT)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for i, value in enumerate(footer):
        para(None, value, first=table.rows[4].cells[i].paragraphs[0], size=size, after=0, bold=True,
             align=CENTER if i in centre else LEFT)
    _widths(table, widths)
    doc.add_paragraph()
    return table


def facts(doc, rows, *, widths=FACT_WIDTHS, size=12):
    """A ruled table of fixed labels and their values: `rows` are (label, tag)."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for (label, value), cells in zip(rows, (r.cells for r in table.rows)):
        para(None, label, first=cells[0].paragraphs[0], size=size, after=0, bold=True, align=LEFT)
        para(None, value, first=cells[1].paragraphs[0], size=size, after=0, align=LEFT)
    _widths(table, widths)
    doc.add_paragraph()
    return table


def signature(cell, who: str, *, first=True) -> None:
    """The block of `who` (a context name: signer, signers[1]): authority when any, title, room, name."""
    p = cell.paragraphs[0] if first else None
    tag(cell, f"{{%p if {who}.authority %}}") if p is None else para(
        None, f"{{%p if {who}.authority %}}", first=p, align=LEFT, after=0)
    centred(cell, f"{{{{ {who}.authority }}}}", bold=True)
    tag(cell, "{%p endif %}")
    centred(cell, f"{{{{ {who}.title }}}}", bold=True)
    for _ in range(4):  # room for the signature and the seal
        centred(cell, "")
    centred(cell, f"{{{{ {who}.name }}}}", bold=True)


def recipients(cell) -> None:
    para(None, "{%p if recipients %}", first=cell.paragraphs[0], align=LEFT, after=0)
    para(cell, "Nơi nhận:", bold=True, italic=True, size=12, align=LEFT, after=0)
    tag(cell, "{%p for r in recipients %}")
    para(cell, "{{ r }}", size=RECIPIENTS_PT, align=LEFT, after=0)
    tag(cell, "{%p endfor %}")
    tag(cell, "{%p endif %}")
    cell.add_paragraph()  # a cell keeps a paragraph when the tags are gone


def document(path: pathlib.Path, body, *, pair: bool = False, annex=None) -> None:
    """The frame around `body(doc)`; `pair` puts two signature blocks side by side (a record) instead of the
    recipients and the issuer's block; `annex(doc)` writes an annex after the signature (a decision's list)."""
    doc = Document()
    _setup(doc)
    _page_numbers(doc)
    left, right = columns(doc, [LEFT_WIDTH, TEXT_WIDTH - LEFT_WIDTH])
    para(None, "{%p if superior %}", first=left.paragraphs[0], align=LEFT, after=0)
    centred(left, "{{ superior }}", size=HEAD_PT)
    tag(left, "{%p endif %}")
    centred(left, "{{ issuer }}", bold=True, size=HEAD_PT)
    rule(left, share=0.45, column=LEFT_WIDTH)
    centred(left, "Số: {{ number }}", size=HEAD_PT)
    centred(None, "{{ national_title }}", first=right.paragraphs[0], bold=True, size=TITLE_PT)
    centred(right, "{{ motto }}", bold=True, underline=True, after=6)
    centred(right, "")
    centred(right, "{{ place_date }}", italic=True)
    doc.add_paragraph()
    centred(doc, "{{ kind }}", bold=True)
    centred(doc, "{{ summary }}", bold=True)
    rule(doc, share=0.25)
    body(doc)
    doc.add_paragraph()
    if pair:
        first, second = columns(doc, [TEXT_WIDTH // 2, TEXT_WIDTH // 2])
        signature(first, "signers[0]")
        signature(second, "signers[1]")
    else:
        left, right = columns(doc, [LEFT_WIDTH, TEXT_WIDTH - LEFT_WIDTH])
        recipients(left)
        signature(right, "signer")
    if annex:  # after the signature, on a page of its own
        doc.add_page_break()
        annex(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def heading(doc, value):
    para(doc, value, bold=True)


def lines(doc, loop: str, value: str = "{{ line }}", *, after=6, **style):
    """One indented paragraph per item: `loop` is "line in items"."""
    tag(doc, f"{{%p for {loop} %}}")
    para(doc, value, indent=True, after=after, **style)
    tag(doc, "{%p endfor %}")
