"""Reading an agency spreadsheet (.xlsx or .csv) into text cells, before any validation.

Everything a person can type into Excel or LibreOffice should come back as the text they meant:
codes typed as numbers (30001, never 30001.0), headers in any case or with stray spaces,
CSV in UTF-8 with or without BOM, separated by commas or semicolons.

Every import reads its file here, so the limits live here too: the file's size, a workbook's unpacked size
(core.files.check_archive, before openpyxl opens it) and the number of rows (read lazily, so a
million-row CSV stops at the limit instead of filling memory).
"""
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from isogov.core import files
from isogov.core.sheets import unescape_csv
from isogov.core.text import clean_text, fold

SUPPORTED_EXTENSIONS = (".xlsx", ".csv")

# (field, header written on export, other accepted spellings). The first header is the one we write.
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("code", "Mã đơn vị", ("code", "mã")),
    ("name", "Tên đơn vị", ("name", "tên")),
    ("tier", "Cấp", ("tier", "cấp hành chính")),
    ("parent_code", "Mã đơn vị cấp trên", ("parent_code", "parent", "mã cấp trên")),
    ("kind", "Loại hình", ("kind", "loại")),
    ("mandatory", "Bắt buộc áp dụng", ("mandatory", "bắt buộc")),
    ("iso_secretary", "Thư ký ISO", ("iso_secretary", "iso secretary")),
    ("email", "Email", ("email", "e-mail", "thư điện tử")),
    ("phone", "Điện thoại", ("phone", "số điện thoại")),
)
REQUIRED_FIELDS = ("code", "name", "tier")
HEADER_OF = {f: header for f, header, _aliases in COLUMNS}

# A number format of zeros only ("00000") pads a number with leading zeros, as official unit codes are written.
_ZERO_PADDED = re.compile(r"^0+$")


def header_key(text: str) -> str:
    return fold(text).replace("_", " ")


class UnreadableFile(Exception):
    """The file cannot be read as a table at all; the message says why, in the user's language."""


@dataclass
class Table:
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as written in the file
    duplicate_headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (spreadsheet row number, cells)


def cell_text(value) -> str:
    """One cell as clean text (core.text.clean_text); numbers typed into Excel come back as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(value)


def field_of_header(columns) -> dict[str, str]:
    """Every accepted spelling of each column's header, folded, to the column's field name."""
    return {header_key(h): f for f, header, aliases in columns for h in (header, *aliases)}


def read_table(*, data: bytes, filename: str, columns=COLUMNS) -> Table:
    """The header row (row 1) and the data rows; raises UnreadableFile for anything that is not a table.

    `columns` is (field, header, aliases) per column: the agencies' by default; other imports pass theirs.
    """
    ext = extension(filename)
    if ext not in SUPPORTED_EXTENSIONS:
        raise UnreadableFile(_("Unsupported file type “%(ext)s”: upload an .xlsx or .csv file.")
                             % {"ext": ext or filename})
    if not data or not data.strip():
        raise UnreadableFile(_("The file is empty."))
    try:
        files.check_file_size(len(data), settings.ISOGOV["IMPORT_MAX_BYTES"])
        if ext == ".xlsx" and zipfile.is_zipfile(io.BytesIO(data)):
            files.check_archive(data)
    except ValidationError as exc:
        raise UnreadableFile(" ".join(exc.messages)) from exc
    if ext == ".xlsx":
        return _read_xlsx(data, field_of_header(columns))
    return _to_table(_csv_rows(data), field_of_header(columns))


def extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


# A cell holding a formula whose result was never computed (files written by programs, not by Excel or
# LibreOffice, which store the result on saving). Not text: it must not pass for an empty cell.
UNCOMPUTED = object()
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# How many such cells the message names.
_UNCOMPUTED_SHOWN = 5


def _damaged_workbook() -> UnreadableFile:
    return UnreadableFile(_("This file is not a valid Excel workbook (.xlsx); it may be damaged."))


def _open_workbook(data: bytes, *, data_only: bool):
    from openpyxl import load_workbook

    try:
        # read_only streams the sheet instead of building every cell object: 10,000 rows in about a second.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds of error on a damaged workbook
        raise _damaged_workbook() from exc


def _read_xlsx(data: bytes, fields: dict[str, str]) -> Table:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _damaged_workbook()
    workbook = _open_workbook(data, data_only=True)
    formulas = None
    try:
        # The cached results hide which empty cells hold a formula; a second, formula-only reading tells,
        # and is done only when a worksheet has a formula at all.
        if _has_formulas(data):
            formulas = _open_workbook(data, data_only=False)
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UnreadableFile(_("The workbook has no worksheet."))
        try:
            header = [cell_text(v) for v in next(sheet.iter_rows(max_row=1, values_only=True), ())]
            # Only the header's columns are read: one stray formatted cell far to the right (XFD1048576)
            # would otherwise make every row of the sheet that wide, and the import would run out of memory.
            width = max((i + 1 for i, h in enumerate(header) if h), default=1)
            body = sheet.iter_rows(min_row=2, max_col=width)
            if formulas is None:
                rows = (_xlsx_row(row) for row in body)
            else:
                written = formulas.worksheets[0].iter_rows(min_row=2, max_col=width)
                rows = (_xlsx_row(row, formula_row) for row, formula_row in zip(body, written))
            return _to_table(itertools.chain([header], rows), fields)
        except UnreadableFile:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged sheet fails while it is being read
            raise _damaged_workbook() from exc
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula element; streamed, the sizes were checked before."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if "worksheets/" not in name.lower():
                continue
            with package.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 16):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-64:]
    return False


def _xlsx_row(cells, formula_cells=None) -> tuple:
    if formula_cells is not None:
        return tuple(UNCOMPUTED if c.value is None and f.data_type == "f" else _xlsx_cell_text(c)
                     for c, f in zip(cells, formula_cells))
    if all(c.value is None for c in cells):
        return ()  # the rows of a gap or of formatted trailing rows; shared, so a million of them cost nothing
    return tuple(_xlsx_cell_text(c) for c in cells)


def _xlsx_cell_text(cell) -> str:
    """A code typed as 00123 into a column formatted "00000" is stored as the number 123; give back 00123."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        number_format = cell.number_format
        if _ZERO_PADDED.match(number_format):
            return str(int(value)).zfill(len(number_format))
    return cell_text(value)


def _csv_rows(data: bytes):
    if b"\x00" in data[:65536]:
        raise UnreadableFile(_("This file is not a text (CSV) file."))
    try:
        data.decode("utf-8-sig")  # checked whole, for the line of the first bad byte; read as a stream below
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            _("The CSV file is not in UTF-8 (line %(line)s). Save it as “CSV UTF-8” and upload it again.")
            % {"line": data[: exc.start].count(b"\n") + 1}
        ) from exc
    first_line = next((line for line in _lines(data) if line.strip("\r\n")), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    limit = settings.ISOGOV["IMPORT_MAX_ROWS"]
    # Cleaning a cell costs far more than splitting it: when the lines allow too many rows, count them first.
    if data.count(b"\n") > limit and _count_data_rows(data, delimiter, limit) > limit:
        raise _too_many_rows(limit)
    return _csv_reader(data, delimiter)


def _lines(data: bytes):
    """The text as a stream: a str of the whole file would cost up to four bytes a character, twice."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")


def _count_data_rows(data: bytes, delimiter: str, limit: int) -> int:
    rows = csv.reader(_lines(data), delimiter=delimiter)
    try:
        next(rows, None)
        non_blank = (row for row in rows if any(cell.strip() for cell in row))
        return sum(1 for _row in itertools.islice(non_blank, limit + 1))
    except csv.Error:
        return 0  # the reading proper reports where


def _csv_reader(data: bytes, delimiter: str):
    try:
        for row in csv.reader(_lines(data), delimiter=delimiter):
            yield [unescape_csv(cell_text(v)) for v in row]
    except csv.Error as exc:
        raise UnreadableFile(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def _to_table(raw_rows, fields: dict[str, str]) -> Table:
    """The table of an iterable of rows (header first), consumed only up to IMPORT_MAX_ROWS data rows."""
    table = Table()
    raw_rows = iter(raw_rows)
    header_row = next(raw_rows, None)
    if not header_row or not any(header_row):
        raise UnreadableFile(_("The first row must hold the column headers, and it is empty."))
    columns: dict[str, int] = {}
    for index, header in enumerate(header_row):
        name = fields.get(header_key(header)) if header else None
        if name is None:
            continue  # "STT" numbering, notes and any other column are not ours
        if name in columns:
            table.duplicate_headers.append(header)
            continue
        columns[name] = index
        table.headers[name] = header
    limit = settings.ISOGOV["IMPORT_MAX_ROWS"]
    uncomputed: list[tuple[int, str]] = []
    for number, row in enumerate(raw_rows, start=2):
        if not any(row):
            continue  # blank lines between blocks, or trailing rows Excel kept formatted
        if len(table.rows) >= limit:
            raise _too_many_rows(limit)
        cells = {name: row[i] if i < len(row) else "" for name, i in columns.items()}
        for name, value in cells.items():
            if value is UNCOMPUTED:
                uncomputed.append((number, table.headers[name]))
                cells[name] = ""
        table.rows.append((number, cells))
    if uncomputed:
        raise _uncomputed_formulas(uncomputed)
    return table


def _too_many_rows(limit: int) -> UnreadableFile:
    return UnreadableFile(_("The file has more than %(limit)s data rows, the most one import accepts.")
                          % {"limit": number_format(limit, force_grouping=True)})


def _uncomputed_formulas(cells: list[tuple[int, str]]) -> UnreadableFile:
    where = "; ".join(_("row %(row)s, column “%(column)s”") % {"row": row, "column": column}
                      for row, column in cells[:_UNCOMPUTED_SHOWN])
    if len(cells) > _UNCOMPUTED_SHOWN:
        where = _("%(cells)s and %(count)s more") % {"cells": where, "count": len(cells) - _UNCOMPUTED_SHOWN}
    return UnreadableFile(_("Some cells hold a formula without a computed value: %(cells)s. Open the file in "
                            "Excel or LibreOffice, save it and upload it again.") % {"cells": where})
