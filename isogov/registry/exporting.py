"""Agency export to .xlsx or .csv, in the columns the import reads, so that an export imports back unchanged.

Every cell goes through core.sheets, the one safe cell writer: text that a spreadsheet would run as a
formula stays text, and control characters stored in old records cannot break the file.
"""
import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from isogov.core.sheets import append_row, csv_row
from isogov.registry.importing import KIND_SPELLINGS
from isogov.registry.io_read import COLUMNS
from isogov.registry.models import Agency

FORMATS = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           ".csv": "text/csv; charset=utf-8"}
# Read by people only; the import ignores it.
STATE_HEADER = "Trạng thái HTQLCL"
HEADERS = [header for _field, header, _aliases in COLUMNS] + [STATE_HEADER]
WIDTHS = [14, 48, 12, 18, 22, 16, 26, 28, 16, 26]


def all_agencies() -> QuerySet[Agency]:
    """The whole registry, for the command line (the web export goes through selectors.agency_list)."""
    return Agency.objects.select_related("tier", "parent").order_by("tier__rank", "path")


def export_format(filename: str) -> str:
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in FORMATS:
        raise ValueError(_("Unsupported file type “%(ext)s”: use .xlsx or .csv.") % {"ext": ext or filename})
    return ext


def agency_row(agency: Agency) -> list[str]:
    return [
        agency.code,
        agency.name,
        agency.tier.name_vi,
        agency.parent.code if agency.parent_id else "",
        KIND_SPELLINGS[agency.kind][0] if agency.kind in KIND_SPELLINGS else agency.kind,
        "Có" if agency.mandatory else "Không",
        agency.iso_secretary,
        agency.email,
        agency.phone,
        str(agency.get_qms_state_display()),
    ]


def export_agencies(*, agencies: Iterable[Agency], fmt: str) -> bytes:
    """The agencies as a file in `fmt` (".xlsx" or ".csv").

    `agencies` must already be limited to what the reader may see (selectors.agency_list does that).
    """
    if fmt == ".xlsx":
        return _xlsx(agencies)
    if fmt == ".csv":
        return _csv(agencies)
    raise ValueError(fmt)


def _csv(agencies: Iterable[Agency]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_row(HEADERS))
    for agency in agencies:
        writer.writerow(csv_row(agency_row(agency)))
    # The BOM is how Excel recognises UTF-8; without it Vietnamese names come out garbled.
    return out.getvalue().encode("utf-8-sig")


def _xlsx(agencies: Iterable[Agency]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Agencies")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    append_row(sheet, HEADERS, font=Font(bold=True))
    for agency in agencies:
        append_row(sheet, agency_row(agency))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
