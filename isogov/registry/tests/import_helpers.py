"""Building import files and checking that the registry did not change, for the import and export tests."""
import csv
import io

from django.core.management import call_command
from openpyxl import Workbook

from isogov.audit.models import AuditEvent
from isogov.registry.models import Agency

HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Loại hình", "Bắt buộc áp dụng",
          "Thư ký ISO", "Email", "Điện thoại"]


def xlsx_bytes(rows, header=HEADER, *, formulas=False) -> bytes:
    """With `formulas`, a cell starting with = is a formula without a computed value, as programs write them."""
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *rows] if header is not None else rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and not (formulas and cell.value.startswith("=")):
                cell.data_type = "s"  # text typed into a cell, never a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, header=HEADER, *, delimiter=",", bom=True) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in [header, *rows] if header is not None else rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(command: str, *args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *[str(a) for a in args], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def registry_state():
    """Every stored value of every agency, and the whole audit trail: equal before and after means untouched."""
    agencies = list(Agency.objects.order_by("pk").values())
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", "action", "object_id", "changes"))
    return agencies, events


def agency(code: str) -> Agency:
    return Agency.objects.select_related("tier", "parent").get(code=code)
