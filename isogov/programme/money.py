"""Whole đồng, as Vietnamese documents write them: 15.000.000 (dots group thousands; there are no decimals)."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# ASCII digits only: int() would also take "٣" or "３" for a 3.
_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$", re.ASCII)
# 15,000,000 as spreadsheets in an English locale show it: every group of three, so it cannot be a decimal.
_COMMA_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$", re.ASCII)
_PLAIN = re.compile(r"^\d+$", re.ASCII)
# 2^63 - 1 is what a PositiveBigIntegerField holds on every database.
MAX_DONG = 9_223_372_036_854_775_807


def parse_dong(text: str) -> int:
    """'15.000.000', '15 000 000', '15,000,000' or '15000000' → 15000000; decimals, signs and letters are refused."""
    value = (text or "").strip().replace("\u00a0", " ").removesuffix("đ").removesuffix("đồng").strip()
    if not value:
        raise ValidationError(_("Enter an amount in đồng."))
    if value.startswith("-"):
        raise ValidationError(_("The amount cannot be negative."))
    if _PLAIN.match(value):
        amount = int(value)
    elif _GROUPED.match(value) or _COMMA_GROUPED.match(value):
        amount = int(value.replace(".", "").replace(" ", "").replace(",", ""))
    elif re.match(r"^[\d.\s]*[.,]\d*$", value) or re.match(r"^\d+[.,]\d+$", value):
        raise ValidationError(_("Amounts are whole đồng, without decimals: write 15.000.000 or 15000000."))
    else:
        raise ValidationError(_("Write the amount in whole đồng, e.g. 15.000.000 or 15000000."))
    if amount > MAX_DONG:
        raise ValidationError(_("This amount is too large."))
    return amount


def format_dong(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")
