"""Which years have an annual report, and when a year's report is final."""
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

# Decision 19/2014/QĐ-TTg (5 March 2014) introduced the yearly report (art. 12.6): no report predates it.
FIRST_YEAR = 2014


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def last_year_allowed() -> int:
    """This year's report may be drafted (it is provisional), next year's may not."""
    return timezone.localdate().year


def year_problem(year: int) -> str:
    """Why `year` has no report, or "" when it has one."""
    last = last_year_allowed()
    if not FIRST_YEAR <= year <= last:
        return _("%(year)s is outside the years with an annual report (%(first)s–%(last)s).") % {
            "year": year, "first": FIRST_YEAR, "last": last}
    return ""


def provisional(year: int) -> bool:
    """A year not yet over: its figures are those of today, and will change until 31 December."""
    return year >= timezone.localdate().year
