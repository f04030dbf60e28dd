"""Agency export to .xlsx or .csv, in the columns the import reads, so that an export imports back unchanged.

Every cell goes through core.sheets, the one safe cell writer: text that a spreadsheet would run as a
formula stays text, and control characters stored in old records cannot break the file.

A national registry is tens of thousands of rows: they are read as plain tuples in chunks (no model instances,
no query per row), their labels looked up in maps built once per file, and written as they are read, so memory
stays flat whatever the number of rows. A CSV goes out as a stream of chunks (to a response or to a file); an
XLSX is built in openpyxl's write-only mode, which keeps its rows in a temporary file rather than in memory.
"""
import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from isogov.core.sheets import csv_row, xlsx_rows
from isogov.qms.states import QmsState
from isogov.registry.importing import KIND_SPELLINGS
from isogov.registry.io_read import COLUMNS
from isogov.registry.models import Agency

FORMATS = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           ".csv": "text/csv; charset=utf-8"}
# Read by people only; the import ignores it.
STATE_HEADER = "Trạng thái HTQLCL"
HEADERS = [header for _field, header, _aliases in COLUMNS] + [STATE_HEADER]
WIDTHS = [14, 48, 12, 18, 22, 16, 26, 28, 16, 26]
# The columns as stored, in the order of HEADERS; the tier and the parent come from the same query's joins.
FIELDS = ("code", "name", "tier__name_vi", "parent__code", "kind", "mandatory", "iso_secretary", "email", "phone",
          "qms_state")
CHUNK = 2000  # rows per database fetch (and per CSV piece): a few hundred KB at a time
# The byte order mark is how Excel recognises UTF-8; without it Vietnamese names come out garbled.
BOM = "\ufeff".encode()


def all_agencies() -> QuerySet[Agency]:
    """The whole registry, for the command line (the web export goes through selectors.agency_list)."""
    return Agency.objects.order_by("tier__rank", "path")


def export_format(filename: str) -> str:
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in FORMATS:
        raise ValueError(_("Unsupported file type “%(ext)s”: use .xlsx or .csv.") % {"ext": ext or filename})
    return ext


def agency_rows(agencies: QuerySet[Agency]) -> Iterator[list]:
    """One list of cell values per agency of `agencies`, in HEADERS' order, read CHUNK rows at a time.

    `agencies` must already be limited to what the reader may see (selectors.agency_list does that). The QMS
    state is named in the language active now, when the labels are looked up: a streamed response reads its
    rows after the view has returned.
    """
    kinds = {str(kind): spellings[0] for kind, spellings in KIND_SPELLINGS.items()}
    states = {value: str(label) for value, label in QmsState.choices}
    values = agencies.values_list(*FIELDS)

    def rows():
        for (code, name, tier, parent, kind, mandatory, secretary, email, phone,
             state) in values.iterator(chunk_size=CHUNK):
            yield [code, name, tier, parent or "", kinds.get(kind, kind), "Có" if mandatory else "Không",
                   secretary, email, phone, states.get(state, state)]

    return rows()


def csv_chunks(rows: Iterable[list]) -> Iterator[bytes]:
    """The CSV file's header and rows (not the BOM) as pieces of about CHUNK rows, for a stream or a file."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(HEADERS))
    try:
        for count, row in enumerate(rows, start=1):
            writer.writerow(csv_row(row))
            if count % CHUNK == 0:
                yield _take(buffer)
    except Exception:
        yield _take(buffer)  # the rows written so far, before the failure goes on to the caller
        raise
    yield _take(buffer)


def csv_line(values: list) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(csv_row(values))
    return buffer.getvalue().encode()


def _take(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data


def write_agencies(*, agencies: QuerySet[Agency], fmt: str, out: BinaryIO,
                   progress: Callable[[int], None] | None = None) -> int:
    """Write the agencies as a file in `fmt` (".xlsx" or ".csv") to the binary file `out`, row by row; returns how
    many were written. `progress(done)` is called as they go.

    `agencies` must already be limited to what the reader may see (selectors.agency_list does that).
    """
    counted = Counted(agency_rows(agencies), progress)
    if fmt == ".csv":
        out.write(BOM)
        for piece in csv_chunks(counted):
            out.write(piece)
    elif fmt == ".xlsx":
        _xlsx(counted, out)
    else:
        raise ValueError(fmt)
    return counted.count


def export_agencies(*, agencies: QuerySet[Agency], fmt: str) -> bytes:
    """The whole file in memory: for the tests and small registries; the web and the command write as they go."""
    out = io.BytesIO()
    write_agencies(agencies=agencies, fmt=fmt, out=out)
    return out.getvalue()


class Counted:
    """The rows of `rows` as they pass, counted; `progress(count)` every `every` rows."""

    def __init__(self, rows: Iterator[list], progress: Callable[[int], None] | None = None, every: int = CHUNK):
        self.rows, self.count, self.progress, self.every = rows, 0, progress, every

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
            if self.progress and self.count % self.every == 0:
                self.progress(self.count)


def _xlsx(rows: Iterable[list], out: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Agencies")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    xlsx_rows(sheet, [HEADERS], font=Font(bold=True))
    xlsx_rows(sheet, rows)
    workbook.save(out)
