"""Reading an attendance spreadsheet (.xlsx or .csv) into text cells, with the registry's readers.

The registry's io_read turns a file into rows of text (numbers as typed, CSV in any common dialect);
only the columns differ, so this module maps the header row to the attendance columns itself.
"""
from django.utils.translation import gettext as _

from isogov.registry.io_read import (
    SUPPORTED_EXTENSIONS,
    Table,
    UnreadableFile,
    _csv_rows,
    _xlsx_rows,
    extension,
    header_key,
)

# (field, header as we write it, other accepted spellings).
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("full_name", "Họ và tên", ("full_name", "họ tên", "full name", "name")),
    ("position", "Chức vụ", ("position", "chức danh")),
    ("agency_code", "Mã đơn vị", ("agency_code", "agency code", "mã cơ quan")),
    ("is_iso_secretary", "Thư ký ISO", ("is_iso_secretary", "iso secretary", "là thư ký ISO")),
    ("completed", "Hoàn thành", ("completed", "hoàn thành khóa học", "kết quả")),
    ("certificate_number", "Số chứng chỉ", ("certificate_number", "certificate number", "số giấy chứng nhận")),
)
REQUIRED_FIELDS = ("full_name", "agency_code")
HEADER_OF = {f: header for f, header, _aliases in COLUMNS}
_FIELD_OF_HEADER = {header_key(h): f for f, header, aliases in COLUMNS for h in (header, *aliases)}

__all__ = ["COLUMNS", "HEADER_OF", "REQUIRED_FIELDS", "Table", "UnreadableFile", "extension", "read_table"]


def read_table(*, data: bytes, filename: str) -> Table:
    """The header row (row 1) and the data rows; raises UnreadableFile for anything that is not a table."""
    ext = extension(filename)
    if ext not in SUPPORTED_EXTENSIONS:
        raise UnreadableFile(_("Unsupported file type “%(ext)s”: upload an .xlsx or .csv file.")
                             % {"ext": ext or filename})
    if not data or not data.strip():
        raise UnreadableFile(_("The file is empty."))
    raw_rows = _xlsx_rows(data) if ext == ".xlsx" else _csv_rows(data)
    if not raw_rows or not any(raw_rows[0]):
        raise UnreadableFile(_("The first row must hold the column headers, and it is empty."))
    table = Table()
    columns: dict[str, int] = {}
    for index, header in enumerate(raw_rows[0]):
        name = _FIELD_OF_HEADER.get(header_key(header)) if header else None
        if name is None:
            continue  # "STT" numbering, signatures and notes are not ours
        if name in columns:
            table.duplicate_headers.append(header)
            continue
        columns[name] = index
        table.headers[name] = header
    for number, row in enumerate(raw_rows[1:], start=2):
        if not any(row):
            continue
        table.rows.append((number, {name: row[i] if i < len(row) else "" for name, i in columns.items()}))
    return table
