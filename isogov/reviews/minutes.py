"""The minutes of a management review as a Word document, generated on download (never stored).

Every recorded text passes core.text.document_text: records stored before the text cleaner existed may
hold control characters, which a DOCX cannot.
"""
import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from isogov.core.text import document_text
from isogov.reviews.models import Review, ReviewState
from isogov.reviews.selectors import actions_of, agenda

MARK = {"ok": "✓ ", "warn": "! ", "bad": "✗ "}


def minutes_docx(review: Review, *, today: dt.date) -> bytes:
    agency = review.agency
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_paragraph(document_text(agency.name.upper()))
    doc.add_heading(_("Minutes of the management review"), level=0)
    if review.state != ReviewState.HELD:
        doc.add_paragraph(_("Draft: this review has not been held yet; the inputs are as collected on %(date)s.")
                          % {"date": today.strftime("%d/%m/%Y")})
    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    since = review.inputs_since.strftime("%d/%m/%Y") if review.inputs_since else "—"
    for label, value in ((_("Meeting date"), review.date.strftime("%d/%m/%Y")),
                         (_("Chaired by"), document_text(review.chair) or "—"),
                         (_("Participants"), document_text("\n".join(review.participant_list)) or "—"),
                         (_("Inputs since"), since)):
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value

    doc.add_heading(_("Inputs (ISO 9001:2015, 9.3.2)"), level=1)
    for number, row in enumerate(agenda(review=review, today=today), start=1):
        doc.add_heading(f"{number}. {row.item.get_key_display()}", level=2)
        for line in row.lines:
            doc.add_paragraph(document_text(MARK.get(line.level, "") + line.text), style="List Bullet")
        paragraph = doc.add_paragraph()
        paragraph.add_run(_("Discussion and conclusions: ")).bold = True
        paragraph.add_run(document_text(row.item.notes) or "—")

    doc.add_heading(_("Outputs (ISO 9001:2015, 9.3.3)"), level=1)
    actions = list(actions_of(review=review))
    if actions:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, (_("Output"), _("Decision or action"), _("Owner"), _("Due date"),
                                                     _("Done on"))):
            cell.text = title
        for a in actions:
            cells = table.add_row().cells
            cells[0].text = str(a.get_kind_display())
            cells[1].text = document_text(a.description)
            cells[2].text = document_text(a.owner)
            cells[3].text = a.due_date.strftime("%d/%m/%Y")
            cells[4].text = a.done_on.strftime("%d/%m/%Y") if a.done_on else ""
    else:
        doc.add_paragraph(_("No action decided."))
    doc.add_paragraph()
    doc.add_paragraph(_("Chair of the meeting") + ": " + document_text(review.chair))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
