"""Whole đồng, as Vietnamese documents write them: 15.000.000 (dots group thousands; there are no decimals)."""
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


class MoneyField(forms.IntegerField):
    """Whole đồng typed as "15.000.000" or "15000000"; shown back with dots."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "15.000.000", "class": "money"})
    default_error_messages = {"required": _lazy("Enter an amount in đồng.")}

    def prepare_value(self, value):
        return format_dong(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_dong(str(value))

    def widget_attrs(self, widget):
        return {}  # no min/max/step: the box takes dots, not a number input's digits


class WholeDong:
    """An amount of whole đồng: a fraction is refused, not cut off as int() would; typed in a form as 15.000.000."""

    def to_python(self, value):
        if isinstance(value, bool) or (isinstance(value, (float, Decimal)) and value != int(value)):
            raise ValidationError(_lazy("Amounts are whole đồng, without decimals: write 15.000.000 or 15000000."),
                                  code="invalid")
        return super().to_python(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyField, **kwargs})


class DongField(WholeDong, models.BigIntegerField):
    pass


class PositiveDongField(WholeDong, models.PositiveBigIntegerField):
    pass
