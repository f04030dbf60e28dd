"""Validators every area shares: the plausible range of a date, and the national format of a procedure code.

Forms, imports and model fields all call these, so a value refused in one place is refused everywhere.
The limits are settings (ISOGOV["DATE_MIN_YEAR"], ["DATE_MAX_YEARS_AHEAD"], ["PLAN_DATE_MAX_YEARS_AHEAD"]).
"""
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov import conf


def date_range(*, plan: bool = False) -> tuple[dt.date, dt.date]:
    """(first, last) accepted date: from 1 January of DATE_MIN_YEAR to 31 December some years after this one."""
    first_year = int(conf.setting("DATE_MIN_YEAR"))
    ahead = int(conf.setting("PLAN_DATE_MAX_YEARS_AHEAD" if plan else "DATE_MAX_YEARS_AHEAD"))
    last_year = min(timezone.localdate().year + ahead, dt.MAXYEAR)
    return dt.date(max(first_year, dt.MINYEAR), 1, 1), dt.date(last_year, 12, 31)


def _check(value, *, plan: bool) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    first, last = date_range(plan=plan)
    if value < first:
        raise ValidationError(
            _("Dates before %(year)s are not accepted: ISO 9001 systems in Vietnamese agencies date from the 2000s.")
            % {"year": first.year}, code="date_too_early")
    if value > last:
        raise ValidationError(
            _("Dates after %(date)s are not accepted: nothing is recorded or planned that far ahead.")
            % {"date": last.strftime("%d/%m/%Y")}, code="date_too_late")


def plausible_date(value) -> None:
    """A record's date: not before DATE_MIN_YEAR, not after the end of DATE_MAX_YEARS_AHEAD years from now."""
    _check(value, plan=False)


def plausible_plan_date(value) -> None:
    """A programme plan's date: plans are drafted for several years ahead (a plan covers up to 10 years)."""
    _check(value, plan=True)


# The national database of administrative procedures (TTHC): a level digit, a dot and six digits, e.g.
# 1.001234 or 2.000123; a locally published procedure adds dot-separated parts such as .H05 or .000.00.00.H12.
PROCEDURE_CODE_PATTERN = r"[0-9]\.[0-9]{6}(?:\.[0-9A-Z]{1,6}){0,4}"
_PROCEDURE_CODE = re.compile(PROCEDURE_CODE_PATTERN)


def normalise_procedure_code(value: str) -> str:
    """The code as the national database writes it: no spaces around it, local suffixes in capitals."""
    return (value or "").strip().upper()


def validate_procedure_code(value: str) -> None:
    if not _PROCEDURE_CODE.fullmatch(value or ""):
        raise ValidationError(
            _("“%(code)s” is not a procedure code of the national database: write it as 1.001234, 2.000123 or, "
              "for a local procedure, 1.014390.H05.") % {"code": value}, code="procedure_code")
