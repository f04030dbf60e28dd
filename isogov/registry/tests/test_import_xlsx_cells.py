"""What Excel stores is not always what the person typed or sees: the import reads what they meant."""
import io

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from isogov.registry.io_read import read_table
from isogov.registry.tests.import_helpers import agency, run, write

pytestmark = pytest.mark.django_db


def workbook_bytes(build) -> bytes:
    book = Workbook()
    build(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_numbers_in_a_zero_padded_format_keep_their_leading_zeros(province, tmp_path):
    # Official unit codes have leading zeros (Ba Đình 001, Phúc Xá 00001); Excel keeps them only as a format.
    def build(sheet):
        sheet.append(["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Điện thoại"])
        sheet.append([1, "Quận Ba Đình", "Cấp huyện", None, 912345678])
        sheet.append([1, "Phường Phúc Xá", "Cấp xã", 1, None])
        sheet.append([30001, "Xã Không Định Dạng", "Cấp xã", 1, None])
        for row, code_format in ((2, "000"), (3, "00000")):
            sheet.cell(row=row, column=1).number_format = code_format
        for row in (3, 4):
            sheet.cell(row=row, column=4).number_format = "000"
        sheet.cell(row=2, column=5).number_format = "0000000000"

    run("import-agencies", write(tmp_path, "hanoi.xlsx", workbook_bytes(build)))
    assert agency("001").phone == "0912345678"
    assert agency("00001").parent.code == "001" and agency("00001").path == "/001/00001/"
    assert agency("30001").parent.code == "001"  # a number in the General format stays as typed


def test_a_stray_formatted_cell_far_away_does_not_make_every_row_that_wide(db):
    # Before, the last cell of the sheet (XFD1048576) made openpyxl pad a million rows to 16,384 cells each.
    def build(sheet):
        sheet.append(["Mã đơn vị", "Tên đơn vị", "Cấp", "Ghi chú"])
        sheet.append(["30001", "Xã Hòa Thuận", "Cấp xã", "ghi chú"])
        sheet.cell(row=1_048_576, column=16_384).font = Font(bold=True)

    table = read_table(data=workbook_bytes(build), filename="a.xlsx")
    assert [number for number, _cells in table.rows] == [2]
    assert table.rows[0][1] == {"code": "30001", "name": "Xã Hòa Thuận", "tier": "Cấp xã"}
