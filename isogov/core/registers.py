"""The one writer of the standard registers a page can download as XLSX (documents, risks, nonconformities,
compliance, training coverage): the same rows as the page, in Vietnamese, ready to file or print.

A register is a title, its columns and its rows. The sheet carries the title (and the agency or scope and the
date) above a bold header row, which stays frozen while scrolling and carries the filter buttons; dates are real
dates shown dd/mm/yyyy; every cell goes through core.sheets, so text never runs as a formula and an old record's
control characters cannot break the file. The caller renders it under translation.override("vi") and has
already limited the rows to what the reader may see, through the page's own selector.
"""
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

from isogov.core.sheets import xlsx_cell, xlsx_values
from isogov.core.text import document_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_ROW = 3  # title, what it covers, then the header
# Excel refuses these in a sheet's name, and a name longer than 31 characters.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 16
    number_format: str | None = None  # dates get DATE_FORMAT by themselves


def sheet_name(title: str) -> str:
    return _SHEET_NAME_FORBIDDEN.sub(" ", document_text(title)).strip()[:31] or "Sheet"


def register_xlsx(*, title: str, scope: str, columns: list[Column], rows: Iterable[Iterable],
                  today: dt.date | None = None) -> bytes:
    """The register as XLSX bytes: `title` names the sheet and heads it, `scope` says what it covers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    today = today or timezone.localdate()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    # Set before any row is written: the write-only sheet writes its views and filters with the first row.
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.append([xlsx_cell(sheet, title, font=Font(bold=True, size=14))])
    sheet.append([xlsx_cell(sheet, f"{document_text(scope)} — {today:%d/%m/%Y}")])
    bold = Font(bold=True)
    sheet.append([xlsx_cell(sheet, c.header, font=bold) for c in columns])
    formats = [column.number_format for column in columns]
    count = 0
    for row in rows:
        # Only a cell with a number format needs a cell object of its own; the rest go as values (xlsx_values).
        values = list(row)
        cells = xlsx_values(sheet, values)
        if len(cells) != len(formats):
            raise ValueError(f"a row of {len(cells)} cells under {len(formats)} columns")
        for index, value in enumerate(values):
            fmt = formats[index] or (DATE_FORMAT if isinstance(value, dt.date) else None)
            if fmt:
                cells[index] = xlsx_cell(sheet, value, number_format=fmt)
        sheet.append(cells)
        count += 1
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
