"""The plan, its activities' status and its budget execution as XLSX and as a DOCX report to sign.

Both are built from the same selectors as the pages, so they hold the figures the user saw, and
only the activities the user may see. They are rendered in Vietnamese by the caller
(translation.override("vi")). The national heading, the signature title and the date line are the
fixed wording of Vietnamese administrative documents (Decree 30/2020/NĐ-CP) and are not translated.
"""
import datetime as dt
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from isogov.core.sheets import append_row
from isogov.core.text import document_text
from isogov.programme import measures, selectors
from isogov.programme.models import Objective, Plan
from isogov.programme.money import format_dong

NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNATURE_TITLE = "GIÁM ĐỐC"


@dataclass
class Report:
    plan: Plan
    activities: list
    budget: selectors.BudgetOverview
    progress: int
    today: dt.date
    objectives: list[tuple[Objective, "measures.Measure | None"]]


def build_report(*, user, plan: Plan, today: dt.date) -> Report:
    objectives = selectors.objectives_of(plan)
    measured, _count = measures.measure_objectives(user=user, objectives=objectives, today=today)
    return Report(plan=plan, activities=selectors.activity_rows(user=user, plan=plan, today=today),
                  budget=selectors.budget_overview(user=user, plan=plan, today=today),
                  progress=selectors.plan_progress(plan), today=today,
                  objectives=[(o, measured.get(o.pk)) for o in objectives])


def _objective_cells(o: Objective, m) -> list:
    """As the plan's page shows it: what measures the objective, its target and its current value by tier."""
    scope = str(o.tier) if o.tier else _("All tiers")
    measured_by = f"{o.get_metric_display()} ({scope})" if o.metric else str(o.get_metric_display())
    if not o.metric:
        value = "—"
    elif m is None or not m.available:
        value = _("not available")
    elif not m.total.of:
        value = _("no agency")
    else:
        value = "; ".join([f"{m.total.percent}% ({m.total.count}/{m.total.of})"]
                          + [f"{r.label}: {r.percent}% ({r.count}/{r.of})" for r in m.rows])
    return [o.number, o.title, measured_by, o.target_percent, value]


def _objective_heads() -> list[str]:
    return ["#", _("Objective"), _("Measured by"), _("Target (%)"), _("Current value")]


def _decision(plan: Plan) -> str:
    if not plan.decision_number:
        return _("Not yet approved")
    text = _("Decision %(number)s of %(date)s") % {
        "number": plan.decision_number, "date": plan.decision_date.strftime("%d/%m/%Y") if plan.decision_date else ""}
    return f"{text} ({plan.signer})" if plan.signer else text


def _activity_cells(a) -> list:
    return [a.number, a.title, a.lead_unit.name if a.lead_unit else "", a.start_date.strftime("%d/%m/%Y"),
            a.end_date.strftime("%d/%m/%Y"), str(a.get_status_display()) + (f" ({_('overdue')})" if a.overdue else ""),
            a.progress]


def _activity_heads() -> list[str]:
    return ["#", _("Activity"), _("Lead unit"), _("Start"), _("End"), _("Status"), _("Progress (%)")]


def _budget_heads() -> list[str]:
    return [_("Activity"), _("Budget line"), _("Funding source"), _("Estimate (đồng)"), _("Allocated (đồng)"),
            _("Committed (đồng)"), _("Disbursed (đồng)")]


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    money = "#,##0"
    wb = Workbook()
    ws = wb.active
    ws.title = _("Plan")[:31]
    plan = report.plan
    rows = [
        (_("Plan"), plan.title), (_("Period"), plan.period), (_("Decision"), _decision(plan)),
        (_("Lead unit"), plan.lead_unit.name), (_("Status"), str(plan.get_status_display())),
        (_("Progress (%)"), report.progress), (_("Total estimate (đồng)"), plan.total_estimate),
        (_("Total allocated (đồng)"), plan.total_allocated), (_("Total committed (đồng)"), plan.total_committed),
        (_("Total disbursed (đồng)"), plan.total_disbursed),
        (_("Date of this report"), report.today.strftime("%d/%m/%Y")),
    ]
    for label, value in rows:
        append_row(ws, [label, value])
        ws.cell(ws.max_row, 1).font = bold
        if isinstance(value, int) and "đồng" in label:
            ws.cell(ws.max_row, 2).number_format = money
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 90

    acts = wb.create_sheet(_("Activities")[:31])
    append_row(acts, _activity_heads())
    for a in report.activities:
        append_row(acts, _activity_cells(a))
    for cell in acts[1]:
        cell.font = bold
    acts.column_dimensions["B"].width = 70

    money_ws = wb.create_sheet(_("Budget")[:31])
    append_row(money_ws, _budget_heads())
    for r in report.budget.rows:
        line = r.line
        append_row(money_ws, [f"({line.activity.number}) {line.activity.title}", line.description,
                              line.funding_source, line.estimate, line.allocated, line.committed, r.disbursed])
    totals = report.budget.totals
    append_row(money_ws, [_("Total"), "", "", totals["estimate"], totals["allocated"], totals["committed"],
                     totals["disbursed"]])
    for cell in money_ws[1] + money_ws[money_ws.max_row]:
        cell.font = bold
    for row in money_ws.iter_rows(min_row=2, min_col=4, max_col=7):
        for cell in row:
            cell.number_format = money
    money_ws.column_dimensions["A"].width, money_ws.column_dimensions["B"].width = 50, 60

    goals = wb.create_sheet(_("Objectives")[:31])
    append_row(goals, _objective_heads())
    for o, m in report.objectives:
        append_row(goals, _objective_cells(o, m))
    for cell in goals[1]:
        cell.font = bold
    goals.column_dimensions["B"].width, goals.column_dimensions["C"].width = 70, 50
    goals.column_dimensions["E"].width = 70
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _table(doc, heads: list[str], rows: list[list], right: set[int]):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for i, head in enumerate(heads):
        table.rows[0].cells[i].text = ""
        table.rows[0].cells[i].paragraphs[0].add_run(document_text(head)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for i, value in enumerate(values):
            cells[i].text = document_text(value)
            if i in right:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def docx_bytes(report: Report) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    plan, today = report.plan, report.today
    doc = Document()
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = document_text(plan.lead_unit.name.upper())
    right.text = f"{NATIONAL_HEADING}\n{NATIONAL_MOTTO}"
    for cell in (left, right):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.bold = True

    title = doc.add_heading(_("Report on the implementation of the plan"), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(document_text(plan.title)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(document_text(f"{_('Decision')}: {_decision(plan)}"))
    doc.add_paragraph(document_text(f"{_('Period')}: {plan.period}. {_('Lead unit')}: {plan.lead_unit.name}."))
    doc.add_paragraph(_("Overall progress: %(p)s%% (plain average of the activities' progress, cancelled "
                        "activities left out).") % {"p": report.progress})

    if report.objectives:
        doc.add_heading(_("Objectives"), level=2)
        _table(doc, _objective_heads(), [_objective_cells(o, m) for o, m in report.objectives], right={0, 3})

    doc.add_heading(_("Activities"), level=2)
    _table(doc, _activity_heads(), [_activity_cells(a) for a in report.activities], right={0, 6})

    doc.add_heading(_("Budget execution"), level=2)
    rows = [[f"({r.line.activity.number}) {r.line.description}", r.line.funding_source,
             format_dong(r.line.estimate), format_dong(r.line.allocated), format_dong(r.line.committed),
             format_dong(r.disbursed)] for r in report.budget.rows]
    totals = report.budget.totals
    rows.append([_("Total"), "", *(format_dong(totals[f]) for f in selectors.FIGURES)])
    heads = _budget_heads()[1:]
    table = _table(doc, heads, rows, right={2, 3, 4, 5})
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True

    doc.add_paragraph()
    sign = doc.add_table(rows=1, cols=2)
    block = sign.rows[0].cells[1]
    block.text = f"......, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
    block.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = block.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(SIGNATURE_TITLE).bold = True
    block.add_paragraph(_("(signature, full name and seal)")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
