"""The province's name on a given day: a document keeps the name of the province it was issued in.

Since 1 July 2025 Trà Vinh is part of Vĩnh Long (Resolution 202/2025/QH15): the annual report for 2020 is Trà
Vinh's, the one for 2025 Vĩnh Long's, whatever day either is printed.
"""
import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def former_name() -> tuple[dt.date, str] | None:
    """(last day, name) from ISOGOV_PROVINCE_FORMER_NAME ("2025-06-30=Trà Vinh"), or None."""
    value = settings.ISOGOV["PROVINCE_FORMER_NAME"].strip()
    if not value:
        return None
    day, sep, name = value.partition("=")
    try:
        last = dt.date.fromisoformat(day.strip())
    except ValueError:
        last = None
    if not sep or not name.strip() or last is None:
        raise ImproperlyConfigured(
            f"ISOGOV_PROVINCE_FORMER_NAME must read YYYY-MM-DD=Name (the last day under that name), not {value!r}.")
    return last, name.strip()


def province_name(on: dt.date | None = None) -> str:
    """The province's name on `on`; today's name when `on` is None or after the former name's last day."""
    former = former_name()
    if on is not None and former is not None and on <= former[0]:
        return former[1]
    return settings.ISOGOV["PROVINCE_NAME"]
