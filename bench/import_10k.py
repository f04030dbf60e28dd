"""Benchmark: import a 10,000-row agency workbook into a fresh SQLite database.

Run with `make bench` (or `.venv/bin/python bench/import_10k.py [--updates]`). Prints the seconds spent
reading and validating the file and applying it, then the same for a re-import of the unchanged file;
with --updates also for re-imports that change a tenth of the rows, every row, and every commune's
parent and name. Exits non-zero when the first import takes longer than TARGET_SECONDS. The temporary
directory with the workbook and the database is removed afterwards.
"""
import io
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 15.0
ROWS = 10_000


def workbook(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đơn vị")
    sheet.append(["STT", "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Loại hình", "Bắt buộc áp dụng",
                  "Thư ký ISO", "Email", "Điện thoại"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def province_rows(rng: random.Random) -> list[list]:
    """About 60 provincial bodies, 140 districts and the rest communes, like a large province's listing.

    Some sub-departments and a third of the districts' communes come before their parent's row, and
    commune codes are typed as numbers, as they are when pasted from the official list.
    """
    secretaries = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Long", "Phạm Thị Thu Hà", "Đặng Quốc Việt", ""]
    rows: list[list] = []
    departments = [f"S{i:02d}" for i in range(1, 21)]
    for i, code in enumerate(departments, start=1):
        rows.append([code, f"Sở chuyên ngành số {i}", "Cấp tỉnh", "", "sở", "Có", rng.choice(secretaries),
                     f"so{i}@tinh.gov.vn", f"0294 38{i:04d}"])
    for i in range(1, 26):
        sub = [f"CC{i:02d}", f"Chi cục Quản lý số {i}", "cấp tỉnh", departments[i % 20], "chi cục", "Có", "", "", ""]
        if i % 4 == 0:
            rows.insert(0, sub)  # listed before its department
        else:
            rows.append(sub)
    for i in range(1, 16):
        rows.append([f"TT{i:02d}", f"Trung tâm dịch vụ công số {i}", "Tỉnh", departments[i % 20],
                     "đơn vị sự nghiệp", "Không", "", "", ""])
    districts = 140
    communes_left = ROWS - len(rows) - districts
    code = 30000
    for d in range(districts):
        district = str(800 + d)
        block = []
        count = communes_left // (districts - d)
        communes_left -= count
        for c in range(count):
            code += 1
            kind = "UBND xã" if c % 5 else "UBND phường"
            block.append([code, f"Xã Thạnh Đức {d}-{c}", "Xã", int(district), kind, "" if c % 3 else "x",
                          rng.choice(secretaries), "", f"+84 294 {code}"])
        head = [district, f"Huyện Châu Thành {d}", "Cấp huyện", "", "UBND huyện", "Có", rng.choice(secretaries),
                f"ubnd{district}@tinh.gov.vn", ""]
        rows += [*block, head] if d % 3 == 0 else [head, *block]  # a third list communes before their district
    assert len(rows) == ROWS, len(rows)
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> int:
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="isogov-bench-"))
    try:
        return bench(work, started=started, updates="--updates" in sys.argv[1:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(work: Path, *, started: float, updates: bool) -> int:
    os.environ["ISOGOV_VAR_DIR"] = str(work)
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.pop("DATABASE_URL", None)  # always a fresh SQLite file, whatever the shell has
    os.environ.setdefault("ISOGOV_DEMO", "1")  # a throw-away database: the public development key will do
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from isogov.audit.models import AuditEvent
    from isogov.registry.importing import preview_import
    from isogov.registry.io_apply import apply_plan
    from isogov.registry.models import Agency

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2019)
    rows = province_rows(rng)
    data = workbook(rows)
    path = work / "don-vi-10k.xlsx"
    path.write_bytes(data)

    def run(data: bytes):
        plan, read = timed(lambda: preview_import(data=data, filename=path.name))
        if plan.errors:
            print("\n".join(str(e) for e in plan.errors[:20]), file=sys.stderr)
            raise SystemExit(2)

        def apply():
            with transaction.atomic():
                apply_plan(actor=None, plan=plan)

        _none, write = timed(apply)
        return plan, read, write

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs ({cpu_model()}), "
          f"Python {platform.python_version()}, SQLite {connection.Database.sqlite_version}")
    print(f"file: {path.name} ({len(data) / 1024:.0f} KiB, {len(rows)} rows), database: fresh SQLite in {work}")

    plan, read, write = run(data)
    assert Agency.objects.count() == ROWS and AuditEvent.objects.count() == ROWS
    assert Agency.objects.get(code="30001").path == "/800/30001/"
    first = read + write
    print(f"first import:  parse+validate {read:6.2f} s   apply {write:6.2f} s   total {first:6.2f} s   "
          f"({len(plan.creates)} created)")

    plan, read, write = run(data)
    assert not plan.updates and not plan.creates and AuditEvent.objects.count() == ROWS
    print(f"re-import:     parse+validate {read:6.2f} s   apply {write:6.2f} s   total {read + write:6.2f} s   "
          f"({plan.unchanged} unchanged)")
    if updates:
        update_scenarios(rows, run)
    verdict = 1 if first > TARGET_SECONDS else 0
    print(f"{'FAIL' if verdict else 'OK'}: first import {first:.2f} s, target {TARGET_SECONDS:.0f} s; "
          f"whole run {time.perf_counter() - started:.2f} s")
    return verdict


def update_scenarios(rows: list[list], run) -> None:
    from isogov.registry.models import Agency

    for row in rows[::10]:
        row[1] = f"{row[1]} (đổi tên)"
    plan, read, write = run(workbook(rows))
    print(f"10% renamed:   parse+validate {read:6.2f} s   apply {write:6.2f} s   total {read + write:6.2f} s   "
          f"({len(plan.updates)} updated)")

    for row in rows:
        row[6] = "Thư ký mới"
    plan, read, write = run(workbook(rows))
    print(f"all secretaries changed: parse+validate {read:6.2f} s   apply {write:6.2f} s   "
          f"total {read + write:6.2f} s   ({len(plan.updates)} updated)")

    for row in rows:
        if row[2] == "Xã":
            row[1], row[3] = f"Phường {row[0]}", int(row[3]) + 1 if int(row[3]) < 939 else 800
    plan, read, write = run(workbook(rows))
    assert Agency.objects.get(code="30001").path == "/801/30001/"
    print(f"communes moved and renamed: parse+validate {read:6.2f} s   apply {write:6.2f} s   "
          f"total {read + write:6.2f} s   ({len(plan.updates)} updated)")


if __name__ == "__main__":
    sys.exit(main())
