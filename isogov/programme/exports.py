"""The plan, its activities' status and its budget execution as XLSX and as a DOCX report to sign.

Both are built from the same selectors as the pages, so they hold the figures the user saw, and
only the activities the user may see. They are rendered in Vietnamese by the caller
(translation.override("vi")). The DOCX is a document in the format of Decree 30/2020/NĐ-CP: its fixed wording
is the Word template isogov/programme/docx/plan_report.docx (tools/make_official_templates.py; an administrator
may replace it), filled with docx_context.
"""
import datetime as dt
import io
import pathlib
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.core import official
from isogov.core.official import Signer
from isogov.core.places import province_name
from isogov.core.sheets import append_row
from isogov.doctemplates.letterhead import letterhead, province_committee
from isogov.programme import measures, selectors
from isogov.programme.models import Objective, Plan
from isogov.programme.money import format_dong

KEY = "plan_report"
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


def docx_context(report: Report) -> dict:
    """The report to sign: the lead unit issues it to the province's People's Committee (Decree 30 frame)."""
    plan, today = report.plan, report.today
    unit = plan.lead_unit.name
    totals = report.budget.totals
    head = letterhead(plan.lead_unit, today)
    frame = official.frame(
        issuer=head.issuer, superior=head.superior, number="", symbol=f"BC-{head.initials}",
        place=province_name(today), date=today, kind="Báo cáo",
        summary=f"Tình hình thực hiện {plan.title}",
        recipients=[f"{province_committee(today)} (để báo cáo)",
                    "Bộ Khoa học và Công nghệ (để báo cáo)", "Lưu: VT"],
        signers=[Signer(SIGNATURE_TITLE)])
    return {
        **frame,
        "plan_title": plan.title, "decision": _decision(plan), "period": plan.period, "lead_unit": unit,
        "progress": report.progress,
        "objectives": [[str(v) for v in _objective_cells(o, m)] for o, m in report.objectives],
        "activities": [[str(v) for v in _activity_cells(a)] for a in report.activities],
        "budget": [[f"({r.line.activity.number}) {r.line.description}", r.line.funding_source,
                    format_dong(r.line.estimate), format_dong(r.line.allocated), format_dong(r.line.committed),
                    format_dong(r.disbursed)] for r in report.budget.rows],
        "totals": [format_dong(totals[f]) for f in selectors.FIGURES],
    }


def docx_bytes(report: Report) -> bytes:
    return official.render_docx(KEY, docx_context(report))


def _sample() -> dict:
    frame = official.frame(
        issuer="Sở Khoa học và Công nghệ", superior="Ủy ban nhân dân tỉnh Vĩnh Long", number="", symbol="BC-SKHCN",
        place="Vĩnh Long", date=dt.date(2026, 3, 5), kind="Báo cáo", summary="Tình hình thực hiện kế hoạch năm 2026",
        recipients=["Ủy ban nhân dân tỉnh Vĩnh Long", "Lưu: VT"], signers=[Signer(SIGNATURE_TITLE)])
    return {**frame, "plan_title": "Kế hoạch duy trì ISO 2026", "decision": "Quyết định 99/QĐ-UBND ngày 15/01/2026",
            "period": "2026", "lead_unit": "Sở Khoa học và Công nghệ", "progress": 40,
            "objectives": [["1", "Mọi cơ quan công bố", "Tỷ lệ công bố", "100", "50% (1/2)"]],
            "activities": [["1", "Hội nghị triển khai", "Sở KH&CN", "15/01/2026", "31/01/2026", "Hoàn thành", "100"]],
            "budget": [["(1) Hội nghị", "Ngân sách tỉnh", "10.000.000", "10.000.000", "0", "0"]],
            "totals": ["10.000.000", "10.000.000", "0", "0"]}


official.register(KEY, title=gettext_lazy("Report on the implementation of the plan"),
                  default=pathlib.Path(__file__).resolve().parent / "docx" / f"{KEY}.docx", sample=_sample)
