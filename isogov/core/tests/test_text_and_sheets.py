"""The one text cleaner (core.text) and the one safe cell writer (core.sheets)."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from isogov.core.sheets import FORMULA_START, append_row, csv_cell, csv_row, unescape_csv
from isogov.core.tests.hostile import CONTROL
from isogov.core.text import clean_text, document_text

EVERY_CONTROL = "".join(map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0)])) + "\ud800\udfff\ufffe\uffff"


@pytest.mark.parametrize("typed, line, lines", [
    ("  Sở Tư pháp  ", "Sở Tư pháp", "Sở Tư pháp"),
    ("Nguye\u0302\u0303n", "Nguyễn", "Nguyễn"),  # decomposed (NFD), as some keyboards type it
    ("a\x01b\x1fc\x7fd\x9fe", "abcde", "abcde"),
    ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1 dòng 2 dòng 3", "dòng 1\ndòng 2\ndòng 3"),
    ("Word\x0bline\x0cpage\x85nel\u2028ls\u2029ps", "Word line page nel ls ps", "Word\nline\npage\nnel\nls\nps"),
    ("cột\tmột", "cột một", "cột\tmột"),
    ("lỗi\ud800\ufffe\uffff", "lỗi", "lỗi"),
    (None, "", ""),
    (12, "12", "12"),
])
def test_clean_text(typed, line, lines):
    assert clean_text(typed) == line
    assert clean_text(typed, multiline=True) == lines


def test_nothing_the_cleaner_leaves_is_illegal_in_a_document():
    assert not CONTROL.search(clean_text(EVERY_CONTROL, multiline=True))
    assert clean_text(EVERY_CONTROL) == ""
    assert document_text(EVERY_CONTROL) == "\t\n\n\n\n\n"  # tab; LF, VT, FF, CR and NEL as line breaks
    assert document_text("  giữ nguyên  \r\n") == "  giữ nguyên  \n"  # what was stored is written as stored
    assert document_text(None) == ""


@pytest.mark.parametrize("text", ["=1+1", "+84 294", "-", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "'=1", "''+1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted_and_come_back(text):
    cell = csv_cell(text)
    assert cell.startswith("'") and unescape_csv(cell) == document_text(text)


def test_csv_cells_keep_plain_text_numbers_and_dates():
    assert csv_row(["Phường 4", "'trích dẫn", 5, -3, Decimal("1.5"), dt.date(2026, 3, 1), None, True]) == [
        "Phường 4", "'trích dẫn", "5", "-3", "1.5", "2026-03-01", "", "True"]
    assert all(csv_cell(c) == "" or not csv_cell(c).startswith(FORMULA_START) for c in EVERY_CONTROL)


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_rows_are_text_or_typed_never_formulas(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("x") if write_only else workbook.active
    append_row(sheet, ['=HYPERLINK("http://evil.example")\x01\ufffe', "#N/A", "-", 1_500_000, Decimal("2.5"),
                       dt.date(2026, 3, 1), None, "x" * 40_000])
    out = io.BytesIO()
    workbook.save(out)
    assert b"<f>" not in out.getvalue()
    cells = list(load_workbook(io.BytesIO(out.getvalue())).worksheets[-1].iter_rows())[0]
    assert [c.data_type for c in cells[:6]] == ["s", "s", "s", "n", "n", "d"]
    assert cells[0].value == '=HYPERLINK("http://evil.example")' and cells[0].quotePrefix
    assert cells[3].value == 1_500_000 and cells[6].value is None
    assert len(cells[7].value) == 32_767  # the most a cell holds; more and Excel reports the file damaged


def test_csv_text_round_trips_through_the_csv_module():
    out = io.StringIO(newline="")
    csv.writer(out).writerow(csv_row(["=1", "dòng 1\r\ndòng 2", "a,b"]))
    row = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert [unescape_csv(c) for c in row] == ["=1", "dòng 1\ndòng 2", "a,b"]


def test_a_search_term_loses_its_control_characters():
    # PostgreSQL refuses NUL in a query parameter; /procedures/?q=nul%00byte answered 500 there.
    from isogov.core.text import fold

    assert fold("nul\x00byte \x01Sở\x1f") == "nulbyte so"
