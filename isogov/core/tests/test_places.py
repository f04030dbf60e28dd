"""A document names the province it was issued in: Trà Vinh until 30/06/2025, Vĩnh Long since."""
import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from isogov.core.places import province_name


@pytest.fixture
def vinh_long(settings):
    settings.ISOGOV = {**settings.ISOGOV, "PROVINCE_NAME": "Vĩnh Long", "PROVINCE_FORMER_NAME": "2025-06-30=Trà Vinh"}


def test_the_name_on_a_day(vinh_long):
    assert province_name(dt.date(2020, 12, 31)) == "Trà Vinh"
    assert province_name(dt.date(2025, 6, 30)) == "Trà Vinh"
    assert province_name(dt.date(2025, 7, 1)) == "Vĩnh Long"
    assert province_name(None) == "Vĩnh Long"  # not dated yet: today's


def test_no_former_name(settings):
    settings.ISOGOV = {**settings.ISOGOV, "PROVINCE_NAME": "Trà Vinh", "PROVINCE_FORMER_NAME": ""}
    assert province_name(dt.date(2019, 1, 1)) == "Trà Vinh"


@pytest.mark.parametrize("value", ["Trà Vinh", "30/06/2025=Trà Vinh", "2025-06-30=", "2025-13-01=X"])
def test_a_malformed_setting_says_what_it_must_read(settings, value):
    settings.ISOGOV = {**settings.ISOGOV, "PROVINCE_FORMER_NAME": value}
    with pytest.raises(ImproperlyConfigured, match="YYYY-MM-DD=Name"):
        province_name(dt.date(2020, 1, 1))
