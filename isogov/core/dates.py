"""Date arithmetic and parsing shared by every area.

Rows written before the plausible range was enforced may hold 01/01/0001 or 31/12/9999; a page that
computes "a year earlier" or "the next day" from them must still open. So the arithmetic here saturates
at the ends of the calendar instead of raising, and the one parser of typed or imported dates applies
the plausible range (isogov.core.validators).
"""
import datetime as dt
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.validators import plausible_date

DATE_INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
# The first and last moments that survive a conversion to UTC and back in any time zone.
_SAFE_FIRST, _SAFE_LAST = dt.date(1, 1, 2), dt.date(9999, 12, 30)


# Pure, and asked tens of thousands of times per province-wide page (every agency's due dates) for a few hundred
# distinct days: relativedelta's arithmetic was a quarter of the compliance table's Python time.
@lru_cache(maxsize=8192)
def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months; 31/01 + 1 month is the month's last day; clamped to the calendar."""
    try:
        return day + relativedelta(months=months)
    except (ValueError, OverflowError):  # past year 1 or 9999
        return dt.date.max if months > 0 else dt.date.min


def add_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February): the law's "every 12 months"."""
    return add_months(day, -12)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight starting `day` in the site's time zone, usable in a query even for the calendar's first day."""
    day = min(max(day, _SAFE_FIRST), _SAFE_LAST)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def parse_date(text: str) -> dt.date:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd (or a spreadsheet's ISO date-time), within the plausible range.

    Raises ValidationError saying what is wrong; imports show the message beside the row.
    """
    text = (text or "").strip()
    if "T" in text:  # a spreadsheet date-time cell, read back as ISO text
        text = text.split("T", 1)[0]
    for fmt in DATE_INPUT_FORMATS:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        plausible_date(day)
        return day
    raise ValidationError(_("“%(value)s” is not a date: write dd/mm/yyyy or yyyy-mm-dd.") % {"value": text},
                          code="invalid_date")
