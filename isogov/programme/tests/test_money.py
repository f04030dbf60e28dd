import pytest
from django.core.exceptions import ValidationError

from isogov.programme.forms import BudgetLineForm, DisburseForm
from isogov.programme.money import format_dong, parse_dong


@pytest.mark.parametrize("text, amount", [
    ("15.000.000", 15_000_000), ("15000000", 15_000_000), ("15 000 000", 15_000_000), (" 314.420.000 ", 314_420_000),
    ("0", 0), ("999", 999), ("1.000", 1000), ("24.500.000 đ", 24_500_000),
    # As a spreadsheet in an English locale shows them: groups of three cannot be decimals.
    ("15,000,000", 15_000_000), ("314,420,000 đồng", 314_420_000), ("1,000", 1000),
])
def test_whole_dong_are_read_with_or_without_dots(text, amount):
    assert parse_dong(text) == amount


@pytest.mark.parametrize("text, message", [
    ("15,5", "without decimals"), ("1.5", "without decimals"), ("15.000,50", "without decimals"),
    ("15.0000", "without decimals"), ("-5.000", "cannot be negative"), ("mười lăm", "whole đồng"), ("", "Enter"),
    ("15,000.000", "whole đồng"), ("1,5000", "without decimals"), ("abc", "whole đồng"), ("1e6", "whole đồng"),
    # Digits of other scripts are not đồng typed on a Vietnamese keyboard; int() alone would take them.
    ("٣", "whole đồng"), ("３０００", "whole đồng"), ("²", "whole đồng"),
])
def test_decimals_negatives_and_words_are_refused_clearly(text, message):
    with pytest.raises(ValidationError) as exc:
        parse_dong(text)
    assert message in exc.value.messages[0]


def test_format_uses_dots():
    assert format_dong(314_420_000) == "314.420.000" and format_dong(0) == "0"


def test_forms_reshow_amounts_and_refuse_decimals(db):
    form = DisburseForm({"amount": "1.000.000,5", "date": "01/02/2020"})
    assert not form.is_valid() and "without decimals" in form.errors["amount"][0]
    assert 'value="1.000.000,5"' in str(form["amount"])
    form = BudgetLineForm(initial={"estimate": 15_000_000})
    assert 'value="15.000.000"' in str(form["estimate"])
    form = BudgetLineForm({"description": "x", "category": "other", "funding_source": "KH&CN", "estimate": "15000000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["estimate"] == 15_000_000 and form.cleaned_data["allocated"] == 0
