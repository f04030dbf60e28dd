"""The one safe cell writer for every spreadsheet isogov produces (XLSX and CSV).

A cell that begins with = + - @ (or a tab, CR or newline before one) is run as a formula when the file
is opened (OWASP "CSV injection"): `=HYPERLINK(...)` in a plan's title would become a live link. XLSX
text cells are written as text, which a spreadsheet never evaluates; CSV has no types, so such a cell
gets a leading apostrophe, which Excel and LibreOffice hide and the registry import removes again
(`unescape_csv`). Text first passes core.text.document_text, so an old record's control characters
cannot make the file unreadable.
"""
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from isogov.core.text import NEEDS_CLEANING, document_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_MAY_RUN = frozenset(FORMULA_START + ("'",))  # first characters worth a closer look
_ESCAPED = re.compile(r"^'+[=+\-@\t\r\n]")
_TYPED = (int, float, Decimal, dt.date, dt.datetime)  # what xlsx_cell keeps typed (bool is an int)
# Texts openpyxl would store as an error value (its ERROR_CODES), not as text.
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_START)


def csv_cell(value) -> str:
    """One CSV cell: numbers as written, text cleaned and, if a spreadsheet would run it, quoted with '."""
    if type(value) is str:  # most cells: a file of a million rows passes here ten million times
        text = document_text(value)
        return "'" + text if text[:1] in _MAY_RUN and looks_like_formula(text) else text
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = document_text(value)
    # Text that already starts with apostrophes gets one more, so that unescape_csv gives it back unchanged.
    return "'" + text if looks_like_formula(text) else text


def csv_row(values: Iterable) -> list[str]:
    """csv_cell of each value; plain text, most of a file's cells, is handled here without a call per cell."""
    row = []
    for value in values:
        if type(value) is str:
            if NEEDS_CLEANING.search(value):
                value = document_text(value)
            elif not value.isascii():
                value = unicodedata.normalize("NFC", value)
            row.append("'" + value if value[:1] in _MAY_RUN and looks_like_formula(value) else value)
        else:
            row.append(csv_cell(value))
    return row


def unescape_csv(text: str) -> str:
    """The import's inverse of csv_cell: one leading ' before a formula start (after any further ') is dropped."""
    return text[1:] if _ESCAPED.match(text) else text


def xlsx_cell(sheet, value, *, font=None, number_format: str | None = None):
    """One XLSX cell for `sheet` (write-only or not): text is always a text cell, numbers and dates stay typed."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) or not isinstance(value, (int, float, Decimal, dt.date, dt.datetime, type(None))):
        value = document_text(value) or None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(cell.value, str):
        # Assigning "=..." made the cell a formula ("f"); a text cell ("s") is shown, never evaluated, and the
        # quote prefix keeps it text when someone edits it in Excel.
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def xlsx_values(sheet, values: Iterable, *, font=None) -> list:
    """One row for `sheet.append`, as safe as xlsx_cell's and read back the same.

    Only the cells that need one get a cell object of their own: building one per cell was most of a large
    register's time. A number, a date or plain text is handed to openpyxl as it is (it types them as xlsx_cell
    does); an empty cell is left out rather than written empty.
    """
    if font is not None:
        return [xlsx_cell(sheet, value, font=font) for value in values]
    row = []
    for value in values:
        if value is None or (isinstance(value, _TYPED) and not isinstance(value, str)):
            row.append(value)
            continue
        text = document_text(value)
        # openpyxl would make "=…" a formula and "#N/A" an error value; xlsx_cell makes them text.
        row.append(xlsx_cell(sheet, text) if looks_like_formula(text) or text in _ERROR_CODES else (text or None))
    return row


def append_row(sheet, values: Iterable, *, font=None) -> None:
    """Append one row of safe cells to `sheet`; every spreadsheet writer adds its rows this way."""
    sheet.append(xlsx_values(sheet, values, font=font))


def xlsx_rows(sheet, rows: Iterable[Iterable], *, font=None) -> int:
    """append_row for each of `rows`, as they come (a generator stays one row in memory); returns how many."""
    count = 0
    for values in rows:
        sheet.append(xlsx_values(sheet, values, font=font))
        count += 1
    return count
