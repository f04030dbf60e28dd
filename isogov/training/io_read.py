"""Reading an attendance spreadsheet (.xlsx or .csv) with the registry's reader and the attendance columns."""
from isogov.registry import io_read
from isogov.registry.io_read import Table, UnreadableFile, extension

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

__all__ = ["COLUMNS", "HEADER_OF", "REQUIRED_FIELDS", "Table", "UnreadableFile", "extension", "read_table"]


def read_table(*, data: bytes, filename: str) -> Table:
    """The header row (row 1) and the data rows; raises UnreadableFile for anything that is not a table."""
    return io_read.read_table(data=data, filename=filename, columns=COLUMNS)
