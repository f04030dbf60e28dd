"""On-time rates from a one-stop-shop (một cửa) export: one row per file received, all or nothing.

A file returned on or before its due date is on time. A file not yet returned counts as late once its
due date has passed, and is not counted before. A file belongs to the period of its return date, or of
its due date when it is late and not yet returned; rows that fall outside the objective's year are left
out and counted. The file is read with the registry's readers (CSV in UTF-8 with or without BOM, comma or
semicolon; or .xlsx).
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from isogov.core.dates import parse_date
from isogov.core.text import fold
from isogov.core.validators import normalise_procedure_code, validate_procedure_code
from isogov.registry.importing import RowError
from isogov.registry.io_read import UnreadableFile, read_table

# (field, header shown to people, accepted spellings compared without case or diacritics)
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("procedure", "Mã TTHC", ("procedure code", "procedure", "mã thủ tục", "mã thủ tục hành chính")),
    ("file_id", "Mã hồ sơ", ("file id", "số hồ sơ", "file")),
    ("received", "Ngày tiếp nhận", ("received", "received date", "ngày nhận")),
    ("due", "Ngày hẹn trả", ("due", "due date", "hạn giải quyết", "ngày hẹn trả kết quả")),
    ("returned", "Ngày trả kết quả", ("returned", "returned date", "ngày trả", "ngày hoàn thành")),
)
HEADER_OF = {name: header for name, header, _aliases in COLUMNS}


@dataclass
class Tally:
    on_time: int = 0
    counted: int = 0

    def add(self, on_time: bool) -> None:
        self.counted += 1
        self.on_time += int(on_time)

    @property
    def rate(self) -> Decimal | None:
        return on_time_rate(self.on_time, self.counted)


@dataclass
class OnestopResult:
    filename: str
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    pending: int = 0  # not returned and not yet due: not counted
    outside_year: int = 0
    periods: dict[int, Tally] = field(default_factory=dict)
    # period index -> procedure code -> tally
    by_procedure: dict[int, dict[str, Tally]] = field(default_factory=dict)

    def procedure_totals(self) -> dict[str, Tally]:
        totals: dict[str, Tally] = defaultdict(Tally)
        for per_code in self.by_procedure.values():
            for code, tally in per_code.items():
                totals[code].on_time += tally.on_time
                totals[code].counted += tally.counted
        return dict(sorted(totals.items()))

    def as_payload(self) -> dict:
        """What the confirm step needs, small enough to sign and carry in the form."""
        return {
            "filename": self.filename, "rows": self.rows, "pending": self.pending, "outside_year": self.outside_year,
            "periods": {str(i): [t.on_time, t.counted] for i, t in self.periods.items()},
            "by_procedure": {str(i): {c: [t.on_time, t.counted] for c, t in codes.items()}
                             for i, codes in self.by_procedure.items()},
        }

    @classmethod
    def from_payload(cls, data: dict) -> "OnestopResult":
        result = cls(filename=str(data.get("filename", "")), rows=int(data.get("rows", 0)),
                     pending=int(data.get("pending", 0)), outside_year=int(data.get("outside_year", 0)))
        result.periods = {int(i): Tally(int(a), int(b)) for i, (a, b) in data.get("periods", {}).items()}
        result.by_procedure = {int(i): {str(c): Tally(int(a), int(b)) for c, (a, b) in codes.items()}
                               for i, codes in data.get("by_procedure", {}).items()}
        return result


def on_time_rate(on_time: int, counted: int) -> Decimal | None:
    if not counted:
        return None
    return (Decimal(on_time * 100) / Decimal(counted)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def period_of(day: dt.date, period: str) -> int:
    if period == "monthly":
        return day.month
    if period == "quarterly":
        return (day.month - 1) // 3 + 1
    return 1


def read_onestop(*, data: bytes, filename: str, year: int, period: str, today: dt.date) -> OnestopResult:
    """Parse and count the file for an objective of `year` measured by `period`. Writes nothing."""
    result = OnestopResult(filename=filename)
    try:
        table = read_table(data=data, filename=filename, columns=COLUMNS)
    except UnreadableFile as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result
    for header in table.duplicate_headers:
        result.errors.append(RowError(1, header, _("This column appears more than once.")))
    for name, header, _aliases in COLUMNS:
        if name not in table.headers:
            result.errors.append(RowError(1, header, _("This required column is missing.")))
    if result.errors:
        return result
    seen: dict[str, int] = {}
    rows = [row for number, cells in table.rows if (row := check_row(number, cells, seen, today, result))]
    if not result.errors and not rows:
        result.errors.append(RowError(None, "", _("The file has a header row but no file rows.")))
    if not result.errors:
        count(result, rows, year=year, period=period, today=today)
    return result


def count(result: OnestopResult, rows: list[tuple[str, dt.date, dt.date | None]], *, year: int, period: str,
          today: dt.date) -> OnestopResult:
    """Count checked rows (procedure code, due, returned) into `result`: the one set of counting rules, for an
    exported file (read_onestop) and for the dossiers the one-stop-shop systems push (services_onestop)."""
    periods: dict[int, Tally] = defaultdict(Tally)
    by_procedure: dict[int, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for code, due, returned in rows:
        result.rows += 1
        if returned is None and due >= today:
            result.pending += 1
            continue
        day = returned or due
        if day.year != year:
            result.outside_year += 1
            continue
        on_time = returned is not None and returned <= due
        index = period_of(day, period)
        periods[index].add(on_time)
        by_procedure[index][code].add(on_time)
    result.periods = dict(sorted(periods.items()))
    result.by_procedure = {i: dict(sorted(codes.items())) for i, codes in sorted(by_procedure.items())}
    return result


def check_row(number: int, cells: dict[str, str], seen: dict[str, int], today: dt.date,
              result: OnestopResult) -> tuple[str, dt.date, dt.date | None] | None:
    """One row's cells checked (each problem a RowError added to `result`): (code, due, returned) when good."""
    errors_before = len(result.errors)

    def error(name: str, message: str) -> None:
        result.errors.append(RowError(number, HEADER_OF[name], message))

    for name in ("procedure", "file_id", "received", "due"):
        if not cells[name]:
            error(name, _("A value is required."))
    code = normalise_procedure_code(cells["procedure"])
    if code:
        try:
            validate_procedure_code(code)
        except ValidationError as exc:
            error("procedure", " ".join(exc.messages))
    file_id = fold(cells["file_id"])
    if file_id:
        if file_id in seen:
            error("file_id", _("The file %(id)s is already on row %(row)s.") % {"id": cells["file_id"],
                                                                                 "row": seen[file_id]})
        else:
            seen[file_id] = number
    dates: dict[str, dt.date | None] = {}
    for name in ("received", "due", "returned"):
        dates[name] = None
        if cells[name]:
            try:
                dates[name] = parse_date(cells[name])
            except ValidationError as exc:
                error(name, " ".join(exc.messages))
    received, due, returned = dates["received"], dates["due"], dates["returned"]
    if received and received > today:
        error("received", _("This date is in the future."))
    if returned and returned > today:
        error("returned", _("This date is in the future."))
    if received and due and due < received:
        error("due", _("The due date is before the date the file was received."))
    if received and returned and returned < received:
        error("returned", _("The file was returned before it was received."))
    if len(result.errors) > errors_before:
        return None
    return code, due, returned
