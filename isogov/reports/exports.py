"""The annual report as an XLSX workbook: one sheet, the same sections as the page and the Word file, in
Vietnamese (documents.in_vietnamese). Cells go through core.sheets: numbers stay numbers, text never runs."""
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from isogov.core.sheets import append_row, xlsx_cell
from isogov.reports.report import Column, Report

BOLD = Font(bold=True)
MONEY = "#,##0"
RATE = "0.0"


def _format(column: Column, value) -> str | None:
    if isinstance(value, Decimal):
        return RATE
    if column.money and isinstance(value, int):
        return MONEY
    return None


def _title(report: Report) -> str:
    if report.agency is not None:
        return _("Annual report %(year)s: %(agency)s") % {"year": report.year, "agency": report.agency.name}
    return _("The province's annual report on the QMS, %(year)s") % {"year": report.year}


def report_xlsx(report: Report) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(report.year))
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHI":
        sheet.column_dimensions[letter].width = 16
    append_row(sheet, [_title(report)], font=BOLD)
    append_row(sheet, [_("As of"), report.as_of.strftime("%d/%m/%Y")])
    if report.provisional:
        append_row(sheet, [_("Provisional: the year is not over; the figures will change until 31 December.")])
    for section in report.sections:
        append_row(sheet, [])
        append_row(sheet, [section.title], font=BOLD)
        if section.note:
            append_row(sheet, [section.note])
        append_row(sheet, [c.head for c in section.columns], font=BOLD)
        for values in section.cells():
            sheet.append([xlsx_cell(sheet, v, number_format=_format(c, v)) for c, v in zip(section.columns, values)])
    text = report.text
    for label, value in ((_("Difficulties"), text.difficulties if text else ""),
                         (_("Proposals"), text.proposals if text else ""),
                         (_("Other remarks"), text.remarks if text else "")):
        append_row(sheet, [])
        append_row(sheet, [label], font=BOLD)
        append_row(sheet, [value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
