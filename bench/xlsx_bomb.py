"""Benchmark: hostile uploads to every import are refused at once, without the server's memory growing.

Run with `.venv/bin/python bench/xlsx_bomb.py`. Builds a 4 GiB-inflating workbook of about 4 MB
(isogov/core/tests/zip_bombs.py), the same with a directory that declares 1 MB, a 1,000,000-row CSV
under the upload limit and a 45 MB one over it, then posts each through the real pages (middleware, multipart parsing, form, view) of the one-stop-shop
import as an agency's ISO secretary, the agency import's preview and the attendance import as the
programme lead, and runs `isogov import-agencies` on them. For each it prints the answer, the seconds
and how much the process's peak memory grew (Linux: VmHWM, reset before each attempt); that includes the
test client building the multipart body, about three times the file. Exits non-zero
when a bomb is not refused within TARGET_SECONDS or grows memory by TARGET_MB or more.
"""
import io
import logging
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.0
TARGET_MB = 100


def rss_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def measure(action):
    """(result, seconds, growth of peak RSS in MB above the RSS before)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # resets VmHWM, the peak resident size, to the current one
    before = rss_kib("VmRSS")
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    return result, seconds, (rss_kib("VmHWM") - before) / 1024


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    work = Path(tempfile.mkdtemp(prefix="isogov-bomb-"))
    os.environ["ISOGOV_VAR_DIR"] = str(work)
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("ISOGOV_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    try:
        return run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from isogov.core.tests import zip_bombs

    settings.ALLOWED_HOSTS = ["testserver"]
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 400 and 413 answers are expected
    call_command("migrate", verbosity=0, interactive=False)
    translation.activate("en")
    people = world()

    started = time.perf_counter()
    bomb = zip_bombs.xlsx_bomb(4 << 30)
    liar = zip_bombs.xlsx_bomb(4 << 30, declared=1 << 20)
    header = "Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
    million = (header + "1;2;3;4;5\n" * 1_000_000).encode()
    huge = (header + "1.001193;HS;02/01/2025;10/01/2025;09/01/2025\n" * 1_000_000).encode()
    print(f"Built in {time.perf_counter() - started:.1f} s: bomb {len(bomb) / 1e6:.2f} MB inflating to "
          f"{4 << 30:,} bytes; lying bomb {len(liar) / 1e6:.2f} MB; 1,000,000-row CSVs of "
          f"{len(million) / 1e6:.1f} MB and {len(huge) / 1e6:.1f} MB")
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"Limits: {settings.ISOGOV['IMPORT_MAX_UNCOMPRESSED_BYTES']:,} bytes unpacked, ratio "
          f"{settings.ISOGOV['IMPORT_MAX_RATIO']}, {settings.ISOGOV['IMPORT_MAX_ROWS']:,} rows\n")

    client = Client()

    def post(user, url, data, name, **fields):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.post(url, {**fields, "file": SimpleUploadedFile(name, data)})
        text = re.sub(r"\s+", " ", response.content.decode())
        found = re.search(r"(This file [^<]*refused\.|This file is damaged[^<]*\.|The file has more than[^<]*\.|"
                          r"What you sent is[^<]*\.)", text)
        return f"{response.status_code} {found.group(1) if found else '(no refusal in the page)'}"

    def cli(data, name):
        path = work / name
        path.write_bytes(data)
        err = io.StringIO()
        try:
            call_command("import-agencies", str(path), stdout=io.StringIO(), stderr=err)
        except CommandError as exc:
            return f"CommandError: {err.getvalue().strip()} ({exc})"
        return "imported?!"

    onestop = reverse("objectives:import", args=[people["agency"].code])
    agencies = reverse("registry:agency_import")
    attendance = reverse("training:session_import", args=[people["session"].pk])
    objective = people["objective"].pk
    cases = [
        ("bomb → one-stop-shop import (secretary)", True,
         lambda: post(people["secretary"], onestop, bomb, "mot-cua.xlsx", objective=objective)),
        ("bomb → agency import preview (lead)", True, lambda: post(people["lead"], agencies, bomb, "don-vi.xlsx")),
        ("bomb → attendance import (lead)", True, lambda: post(people["lead"], attendance, bomb, "diem-danh.xlsx")),
        ("bomb → isogov import-agencies", True, lambda: cli(bomb, "don-vi.xlsx")),
        ("lying bomb → one-stop-shop import", True,
         lambda: post(people["secretary"], onestop, liar, "mot-cua.xlsx", objective=objective)),
        ("1,000,000-row CSV → one-stop-shop import", False,
         lambda: post(people["secretary"], onestop, million, "mot-cua.csv", objective=objective)),
        ("45 MB CSV → one-stop-shop import", False,
         lambda: post(people["secretary"], onestop, huge, "mot-cua.csv", objective=objective)),
    ]
    failed = False
    print(f"{'case':<44} {'seconds':>8} {'peak RSS +MB':>13}  answer")
    for label, is_bomb, action in cases:
        answer, seconds, grown = measure(action)
        over = is_bomb and (seconds >= TARGET_SECONDS or grown >= TARGET_MB or "refused" not in answer
                            and "damaged" not in answer)
        failed |= over
        print(f"{label:<44} {seconds:>8.3f} {grown:>13.1f}  {answer}{'  ← OVER TARGET' if over else ''}")
    return 1 if failed else 0


def world() -> dict:
    import datetime as dt
    from decimal import Decimal

    from isogov.accounts.models import Role, User
    from isogov.objectives import services as objectives
    from isogov.registry.models import AgencyKind, Tier
    from isogov.registry.services import agency_create
    from isogov.training import services as training

    tiers = {t.code: t for t in Tier.objects.all()}
    lead_agency = agency_create(actor=None, code="SKHCN", name="Sở Khoa học và Công nghệ", tier=tiers["province"],
                                kind=AgencyKind.DEPARTMENT, is_programme_lead=True)
    agency = agency_create(actor=None, code="842", name="Thành phố Trà Vinh", tier=tiers["district"],
                           kind=AgencyKind.DISTRICT_COMMITTEE)
    lead = User.objects.create_user(username="lead", password=None, role=Role.PROVINCE_ADMIN, agency=lead_agency)
    secretary = User.objects.create_user(username="alice", password=None, role=Role.SECRETARY, agency=agency)
    objective = objectives.objective_create(agency=agency, actor=None, year=2025, title="Hồ sơ đúng hạn",
                                            comparator="ge", target=Decimal("98"), unit="percent", period="monthly")
    course = training.course_create(actor=lead, title="Nhận thức chung", topic="awareness", organiser=lead_agency,
                                    trainers="")
    session = training.session_create(actor=None, course=course, start_date=dt.date(2025, 6, 15), end_date=None,
                                      place="Hội trường")
    return {"lead": lead, "secretary": secretary, "agency": agency, "objective": objective, "session": session}


if __name__ == "__main__":
    sys.exit(main())
