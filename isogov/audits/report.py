"""The internal audit report as a Word document, generated on download from what is recorded.

Every recorded text passes core.text.document_text: records stored before the text cleaner existed may
hold control characters, which a DOCX cannot.
"""
import io

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from isogov.audits.models import Audit, Grade, Result
from isogov.core.text import document_text


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _table(doc, header: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = document_text(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = document_text(text)
    return table


def audit_report_docx(audit: Audit) -> bytes:
    checklist = list(audit.checklist.select_related("clause"))
    findings = list(audit.findings.select_related("clause", "area", "nonconformity"))
    team = list(audit.team.all())
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(document_text(audit.agency.name.upper())).runs[0].bold = True
    doc.add_heading(_("Internal audit report"), level=1)
    doc.add_paragraph(document_text(audit.title))
    facts = [
        (_("Agency"), audit.agency.name),
        (_("Audit programme"), str(audit.programme.year)),
        (_("Audit date"), _date(audit.audit_date)),
        (_("Report date"), _date(audit.reported_on)),
        (_("Standard"), str(audit.framework)),
        (_("State"), str(audit.get_state_display())),
    ]
    _table(doc, [_("Item"), _("Value")], [[k, v] for k, v in facts])

    doc.add_heading(_("Scope"), level=2)
    doc.add_paragraph(document_text(audit.scope))
    procedures = list(audit.procedures.order_by("code"))
    if procedures:
        doc.add_paragraph(_("Procedures audited:"))
        for p in procedures:
            doc.add_paragraph(document_text(f"{p.code} — {p.name}"), style="List Bullet")
    areas = list(audit.areas.all())
    if areas:
        doc.add_paragraph(_("Departments and processes audited:"))
        for a in areas:
            doc.add_paragraph(document_text(f"{a.name} ({_('owner')}: {a.owner_name})"), style="List Bullet")

    doc.add_heading(_("Audit team"), level=2)
    for member in team:
        role = _("Lead auditor") if member.is_lead else _("Auditor")
        doc.add_paragraph(document_text(f"{member.name} — {role}"), style="List Bullet")
    if not team:
        doc.add_paragraph("—")

    doc.add_heading(_("Checklist summary"), level=2)
    counts = {r: sum(1 for i in checklist if i.result == r) for r in Result}
    _table(doc, [_("Result"), _("Clauses")],
           [[str(r.label), formats.number_format(counts[r])] for r in Result] +
           [[_("Total"), formats.number_format(len(checklist))]])
    failing = [i for i in checklist if i.result == Result.NONCONFORM]
    if failing:
        doc.add_paragraph(_("Clauses that do not conform:"))
        for item in failing:
            text = f"{item.clause.number} {item.clause.title}" + (f": {item.notes}" if item.notes else "")
            doc.add_paragraph(document_text(text), style="List Bullet")

    doc.add_heading(_("Findings"), level=2)
    if findings:
        rows = [[str(n), str(f.get_grade_display()), f.clause.number, f.area.name if f.area else "", f.description,
                 f"#{f.nonconformity.number}" if f.nonconformity else ""] for n, f in enumerate(findings, start=1)]
        _table(doc, ["#", _("Grade"), _("Clause"), _("Area"), _("Finding"), _("Nonconformity")], rows)
        totals = ", ".join(f"{g.label}: {sum(1 for f in findings if f.grade == g)}" for g in Grade)
        doc.add_paragraph(totals)
    else:
        doc.add_paragraph(_("No finding recorded."))

    doc.add_heading(_("Conclusion"), level=2)
    doc.add_paragraph(document_text(audit.summary) or "—")
    lead = next((m for m in team if m.is_lead), None)
    signature = doc.add_paragraph(document_text(f"{_('Lead auditor')}: {lead.name if lead else '—'}"))
    signature.alignment = 2  # right, where Vietnamese reports are signed
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
