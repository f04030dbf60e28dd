"""Dates: one plausible range for every date typed or imported, and arithmetic that never fails on odd stored data."""
import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from isogov.objectives.onestop import read_onestop
from isogov.qms.models import QmsFact
from isogov.reviews.models import Review
from isogov.reviews.tests.helpers import held, plan

pytestmark = pytest.mark.django_db

FORM_MODULES = ["accounts", "audit", "audits", "capa", "compliance", "documents", "events", "feedback", "objectives",
                "programme", "qms", "registry", "reviews", "risks", "training"]


def form_classes():
    for app in FORM_MODULES:
        try:
            module = importlib.import_module(f"isogov.{app}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def date_fields():
    found = []
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                found.append(pytest.param(field, id=f"{cls.__module__}.{cls.__name__}.{name}"))
    return found


@pytest.mark.parametrize("field", date_fields())
def test_every_form_date_field_refuses_year_1_and_year_9999_with_the_reason(field, settings):
    for typed in ("01/01/0001", "0001-01-01", "31/12/9999", "31/12/1989"):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        message = " ".join(refused.value.messages)
        assert "1990" in message or str(timezone.localdate().year + 1) in message or "/" in message, message
    assert field.clean("01/01/1990") == dt.date(1990, 1, 1)
    assert field.clean(timezone.localdate().strftime("%d/%m/%Y")) == timezone.localdate()


def test_the_range_is_a_setting_and_the_message_says_why(settings):
    from isogov.core.validators import plausible_date, plausible_plan_date

    with pytest.raises(ValidationError) as refused:
        plausible_date(dt.date(1989, 12, 31))
    assert "1990" in refused.value.messages[0] and "ISO 9001" in refused.value.messages[0]
    settings.ISOGOV = {**settings.ISOGOV, "DATE_MIN_YEAR": 2000, "DATE_MAX_YEARS_AHEAD": 2}
    with pytest.raises(ValidationError):
        plausible_date(dt.date(1999, 12, 31))
    plausible_date(dt.date(timezone.localdate().year + 2, 12, 31))
    with pytest.raises(ValidationError) as refused:
        plausible_date(dt.date(timezone.localdate().year + 3, 1, 1))
    assert f"31/12/{timezone.localdate().year + 2}" in refused.value.messages[0]
    # A programme plan is drafted for years ahead: its activities may run to the end of its last year.
    plausible_plan_date(dt.date(timezone.localdate().year + 9, 12, 31))


def test_every_model_date_field_carries_the_validator():
    from isogov.core.validators import plausible_date, plausible_plan_date

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("isogov."):
            continue
        for field in model._meta.get_fields():
            if (isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
                    and field.editable and not (field.auto_now or field.auto_now_add)):
                if not {plausible_date, plausible_plan_date} & set(field.validators):
                    missing.append(f"{model.__name__}.{field.name}")
    assert not missing


def test_a_review_of_year_1_is_refused_on_the_form(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("reviews:plan", args=["842"]), {"date": "01/01/0001", "chair": "Ông Tư"})
    assert response.status_code == 400
    assert "1990" in response.content.decode() and not Review.objects.exists()


def test_a_review_already_stored_with_year_1_or_9999_still_renders(province, as_user):
    """Rows written before the range existed: the page and the minutes must open, not answer 500."""
    client = as_user(province.alice)
    review = plan(province.d842)
    done = held(province.c29242)
    for day in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        Review.objects.filter(pk__in=[review.pk, done.pk]).update(date=day)
        QmsFact.objects.update(date=day)
        for r, code in ((review, "842"), (done, "29242")):
            assert client.get(reverse("reviews:detail", args=[code, r.pk])).status_code == 200
            assert client.get(reverse("reviews:minutes", args=[code, r.pk])).status_code == 200
            assert client.get(reverse("reviews:agency_index", args=[code])).status_code == 200
            assert client.get(reverse("compliance:agency_card", args=[code])).status_code == 200
            assert client.get(reverse("registry:agency_detail", args=[code])).status_code == 200


def test_month_and_day_arithmetic_saturates_at_the_calendar_ends():
    from isogov.core import dates

    assert dates.add_months(dt.date(1, 1, 1), -12) == dt.date.min
    assert dates.add_months(dt.date(9999, 12, 31), 12) == dt.date.max
    assert dates.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert dates.add_months(dt.date(2024, 2, 29), -12) == dt.date(2023, 2, 28)
    assert dates.add_days(dt.date.max, 1) == dt.date.max and dates.add_days(dt.date.min, -1) == dt.date.min
    assert dates.year_before(dt.date(1, 3, 1)) == dt.date.min
    assert dates.day_start(dt.date.min) <= dates.day_start(dt.date(1990, 1, 1))
    assert dates.day_start(dt.date.max) > dates.day_start(dt.date(2030, 1, 1))


def test_the_one_stop_shop_import_refuses_implausible_dates_with_the_reason():
    text = ("Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
            "1.001193;H1;01/01/0001;05/01/0001;\n"
            "1.001193;H2;02/03/2025;31/12/9999;\n")
    result = read_onestop(data=text.encode(), filename="mot-cua.csv", year=2025, period="monthly",
                          today=dt.date(2025, 6, 30))
    messages = [str(e) for e in result.errors]
    assert any("Row 2" in m and "1990" in m for m in messages), messages
    assert any("Row 3" in m and "31/12/" in m for m in messages), messages
    assert not result.rows
