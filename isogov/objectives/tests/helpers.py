import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.objectives.tests.factories import ObjectiveFactory

# A hand-counted one-stop-shop export for an objective of 2025, read on 15/01/2026:
#   January: A1 on time, A2 late, A3 on time (returned on the due date), A6 on time → 3/4 = 75 %
#   February: A4 on time, A5 not returned and past due → late → 1/2 = 50 %
#   A7 belongs to 2024 (left out), A8 is not due yet (not counted).
#   By procedure: 1.001193 January 1/2, February 0/1; 2.000001 January 2/2, February 1/1.
ONESTOP_CSV = (
    "\ufeffSTT;Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
    "1;1.001193;A1;02/01/2025;10/01/2025;09/01/2025\n"
    "2;1.001193;A2;05/01/2025;15/01/2025;2025-01-20\n"
    "3;2.000001;A3;10/01/2025;20/01/2025;20/01/2025\n"
    "4;2.000001;A4;25/01/2025;05/02/2025;03/02/2025\n"
    "5;1.001193;A5;01/02/2025;10/02/2025;\n"
    "\n"
    "6;2.000001;A6;20/12/2024;05/01/2025;04/01/2025\n"
    "7;1.001193;A7;20/12/2024;28/12/2024;27/12/2024\n"
    "8;1.001193;A8;10/01/2026;20/01/2026;\n"
)
READ_ON = dt.date(2026, 1, 15)


def csv_upload(text=ONESTOP_CSV, name="mot-cua.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def objective(agency, actor=None, *, year=2025, title="Hồ sơ giải quyết đúng hạn", comparator="ge",
              target="98", unit="percent", period="monthly", **extra):
    return ObjectiveFactory(agency=agency, actor=actor, year=year, title=title, comparator=comparator,
                            target=Decimal(target), unit=unit, period=period, **extra)
