"""The one register writer: title, scope and date above a frozen, filtered header; typed dates shown dd/mm/yyyy;
hostile text neutralised (no formula runs, no control character survives)."""
import datetime as dt
import io

from openpyxl import load_workbook

from isogov.core.registers import Column, register_xlsx, sheet_name


def test_a_register_as_a_person_opens_it():
    content = register_xlsx(
        title="Sổ theo dõi: rủi ro/cơ hội [2026]", scope="Thành phố Trà Vinh",
        columns=[Column("Mã", 10), Column("Nội dung", 50), Column("Hạn", 12), Column("Số", 8)],
        rows=[["R-1", "=HYPERLINK(\"http://x\",\"bấm\")", dt.date(2026, 3, 31), 3],
              ["R-2", "Mất\x00 hồ sơ\x07 giấy", None, 0]],
        today=dt.date(2026, 12, 2))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Sổ theo dõi  rủi ro cơ hội  2026"[:31]
    assert sheet["A1"].value == "Sổ theo dõi: rủi ro/cơ hội [2026]" and sheet["A1"].font.b
    assert sheet["A2"].value == "Thành phố Trà Vinh — 02/12/2026"
    assert [c.value for c in sheet[3]] == ["Mã", "Nội dung", "Hạn", "Số"] and sheet["B3"].font.b
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:D5"
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [10, 50, 12, 8]
    # The formula is text, never run; the date is a date shown dd/mm/yyyy; control characters are gone.
    assert sheet["B4"].data_type == "s" and sheet["B4"].value.startswith("=HYPERLINK")
    assert sheet["C4"].value == dt.datetime(2026, 3, 31) and sheet["C4"].number_format == "DD/MM/YYYY"
    assert sheet["B5"].value == "Mất hồ sơ giấy"
    assert sheet["D4"].value == 3


def test_sheet_names_excel_accepts():
    assert sheet_name("a/b:c*d?e[f]g\\h") == "a b c d e f g h"
    assert len(sheet_name("x" * 40)) == 31


def read_register(response) -> tuple[str, list, list[list]]:
    """(title, header, rows) of a downloaded register, for the areas' tests."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    return values[0][0], values[2], values[3:]


def in_vietnamese(msgid: str) -> str:
    """What the register says for `msgid`: registers are written in Vietnamese whatever the reader's language."""
    from django.utils import translation

    with translation.override("vi"):
        return translation.gettext(msgid)
