"""The on-time rate of a one-stop-shop export, checked against a hand count (see helpers.ONESTOP_CSV)."""
import io
from decimal import Decimal

import openpyxl

from isogov.core.tests import zip_bombs
from isogov.objectives.onestop import read_onestop
from isogov.objectives.tests.helpers import ONESTOP_CSV, READ_ON


def read(text=ONESTOP_CSV, *, period="monthly", name="mot-cua.csv", data=None):
    raw = data if data is not None else text.encode("utf-8")
    return read_onestop(data=raw, filename=name, year=2025, period=period, today=READ_ON)


def test_monthly_rates_match_the_hand_count():
    result = read()
    assert not result.errors
    assert (result.rows, result.pending, result.outside_year) == (8, 1, 1)
    assert {i: (t.on_time, t.counted) for i, t in result.periods.items()} == {1: (3, 4), 2: (1, 2)}
    assert result.periods[1].rate == Decimal("75.00") and result.periods[2].rate == Decimal("50.00")
    assert {c: (t.on_time, t.counted) for c, t in result.by_procedure[1].items()} == {"1.001193": (1, 2),
                                                                                   "2.000001": (2, 2)}
    assert {c: (t.on_time, t.counted) for c, t in result.by_procedure[2].items()} == {"1.001193": (0, 1),
                                                                                   "2.000001": (1, 1)}
    totals = result.procedure_totals()
    assert (totals["1.001193"].on_time, totals["1.001193"].counted) == (1, 3)
    assert totals["1.001193"].rate == Decimal("33.33")


def test_quarterly_rates_group_months():
    result = read(period="quarterly")
    assert {i: (t.on_time, t.counted, t.rate) for i, t in result.periods.items()} == {1: (4, 6, Decimal("66.67"))}


def test_comma_separated_without_bom_and_english_headers():
    text = ONESTOP_CSV.lstrip("\ufeff").replace(";", ",").replace("Mã TTHC", "procedure code").replace(
        "Mã hồ sơ", "File ID").replace("Ngày tiếp nhận", "received date").replace("Ngày hẹn trả", "due date").replace(
        "Ngày trả kết quả", "returned date")
    result = read(text)
    assert not result.errors and result.periods[1].counted == 4


def test_xlsx_with_real_dates():
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã TTHC", "Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả"])
    sheet.append(["1.001193", "X1", dt.datetime(2025, 3, 2), dt.datetime(2025, 3, 9), dt.datetime(2025, 3, 9)])
    sheet.append(["1.001193", "X2", dt.date(2025, 3, 2), dt.date(2025, 3, 9), dt.date(2025, 3, 12)])
    buffer = io.BytesIO()
    book.save(buffer)
    result = read(data=buffer.getvalue(), name="mot-cua.xlsx")
    assert not result.errors
    assert (result.periods[3].on_time, result.periods[3].counted) == (1, 2)


def test_every_bad_row_is_reported_with_its_row_number():
    text = (
        "Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
        "1.001193;B1;32/01/2025;10/02/2025;\n"  # row 2: not a date
        "1.001193;B2;10/02/2025;01/02/2025;\n"  # row 3: due before received
        ";B3;10/02/2025;20/02/2025;15/02/2025\n"  # row 4: procedure missing
        "1.001193;B2;10/02/2025;20/02/2025;05/02/2025\n"  # row 5: duplicate id, returned before received
        "1.001193;B5;10/02/2025;20/02/2025;20/02/2027\n"  # row 6: returned in the future
    )
    result = read(text)
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("Row 2, column “Ngày tiếp nhận”") and "not a date" in m for m in messages)
    assert any(m.startswith("Row 3, column “Ngày hẹn trả”") for m in messages)
    assert any(m.startswith("Row 4, column “Mã TTHC”") and "required" in m for m in messages)
    assert any(m.startswith("Row 5, column “Mã hồ sơ”") and "row 3" in m for m in messages)
    assert any(m.startswith("Row 5, column “Ngày trả kết quả”") for m in messages)
    assert any(m.startswith("Row 6, column “Ngày trả kết quả”") and "future" in m for m in messages)
    assert not result.periods


def test_unreadable_files_say_why():
    assert "column is missing" in str(read("Mã TTHC;Mã hồ sơ\n1;2\n").errors[0])
    assert "UTF-8" in str(read(data="Mã TTHC;Mã hồ sơ\n".encode("latin-1", "replace")).errors[0])
    assert "empty" in str(read(data=b"").errors[0])
    assert "Unsupported" in str(read(name="mot-cua.pdf").errors[0])
    header_only = "Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
    assert "no file rows" in str(read(header_only).errors[0])


def test_a_decompression_bomb_is_refused_before_it_is_parsed(settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1 << 20}
    result = read(data=zip_bombs.xlsx_bomb(4 << 20), name="mot-cua.xlsx")
    assert [str(e) for e in result.errors] == [
        "This file unpacks to 4,0\xa0MB, more than the 1,0\xa0MB allowed: it is refused."]


def test_a_due_date_computed_by_a_formula_never_computed_is_reported_as_such():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã TTHC", "Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả"])
    sheet.append(["1.001193", "X1", "02/01/2025", "=C2+7", "05/01/2025"])
    buffer = io.BytesIO()
    book.save(buffer)
    messages = [str(e) for e in read(data=buffer.getvalue(), name="mot-cua.xlsx").errors]
    assert len(messages) == 1 and "required" not in messages[0]
    assert "formula without a computed value: row 2, column “Ngày hẹn trả”" in messages[0]
