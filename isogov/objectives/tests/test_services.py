import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.objectives import services
from isogov.objectives.models import Measurement, Objective
from isogov.objectives.onestop import read_onestop
from isogov.objectives.selectors import achieved_share, objectives_summary
from isogov.objectives.tests.helpers import ONESTOP_CSV, READ_ON, objective
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_objective_is_validated_with_messages_by_field(province):
    with pytest.raises(ValidationError) as exc:
        services.objective_create(agency=province.d842, actor=province.alice, year=1990, title=" ",
                                  comparator="gt", target=Decimal("120"), unit="percent", period="weekly")
    errors = exc.value.message_dict
    assert set(errors) == {"year", "title", "comparator", "period", "target"}
    with pytest.raises(ValidationError) as exc:
        objective(province.d842, target="120")
    assert "above 100" in exc.value.message_dict["target"][0]
    objective(province.d842)
    with pytest.raises(ValidationError) as exc:
        objective(province.d842, title="hồ sơ giải quyết đúng hạn")
    assert "already has this objective" in exc.value.message_dict["title"][0]


def test_measurements_give_periods_and_the_year(province):
    o = objective(province.d842, province.alice, target="98")
    services.measurement_record(objective=o, actor=province.alice, period_index=1, value=Decimal("99.5"))
    services.measurement_record(objective=o, actor=province.alice, period_index=2, value=Decimal("96"))
    o.refresh_from_db()
    assert (o.year_value, o.year_achieved, o.periods_measured, o.periods_achieved) == (
        Decimal("97.75"), False, 2, 1)
    services.measurement_record(objective=o, actor=province.alice, period_index=2, value=Decimal("98.5"), note="sửa")
    o.refresh_from_db()
    assert o.year_achieved is True and Measurement.objects.count() == 2
    update = AuditEvent.objects.filter(object_type="objectives.measurement", action="update").get()
    assert update.changes["value"] == ["96.00", "98.5"]
    days = objective(province.d842, title="Thời gian giải quyết trung bình", comparator="le", target="5",
                     unit="days", period="quarterly")
    services.measurement_record(objective=days, actor=None, period_index=1, value=Decimal("4.2"))
    days.refresh_from_db()
    assert days.year_achieved is True


def test_measurement_refuses_bad_values_and_future_periods(province):
    o = objective(province.d842, year=dt.date.today().year + 1)
    with pytest.raises(ValidationError) as exc:
        services.measurement_record(objective=o, actor=None, period_index=13, value=Decimal("101"))
    assert set(exc.value.message_dict) == {"period_index", "value"}
    with pytest.raises(ValidationError) as exc:
        services.measurement_record(objective=o, actor=None, period_index=1, value=Decimal("90"))
    assert "not begun" in exc.value.message_dict["period_index"][0]
    assert not Measurement.objects.exists()


def test_period_cannot_change_once_measured(province):
    o = objective(province.d842)
    services.measurement_record(objective=o, actor=None, period_index=1, value=Decimal("90"))
    with pytest.raises(ValidationError) as exc:
        services.objective_update(objective=o, actor=None, year=2025, title=o.title, comparator="ge",
                                  target=Decimal("80"), unit="percent", period="quarterly")
    assert "period" in exc.value.message_dict
    services.objective_update(objective=o, actor=None, year=2025, title=o.title, comparator="ge",
                              target=Decimal("80"), unit="percent", period="monthly")
    o.refresh_from_db()
    assert o.year_achieved is True  # the new target is applied to what was measured


def test_import_records_each_period_and_replaces_earlier_values(province):
    o = objective(province.d842, province.alice)
    services.measurement_record(objective=o, actor=province.alice, period_index=1, value=Decimal("99"))
    result = read_onestop(data=ONESTOP_CSV.encode(), filename="mot-cua.csv", year=2025, period="monthly",
                          today=READ_ON)
    saved = services.measurements_import(objective=o, actor=province.alice, result=result)
    assert [(m.period_index, m.value, m.on_time, m.counted) for m in saved] == [
        (1, Decimal("75.00"), 3, 4), (2, Decimal("50.00"), 1, 2)]
    january = Measurement.objects.get(objective=o, period_index=1)
    assert january.source == "imported" and january.breakdown == {"1.001193": [1, 2], "2.000001": [2, 2]}
    o.refresh_from_db()
    assert o.year_value == Decimal("62.50") and o.year_achieved is False
    events = AuditEvent.objects.filter(object_type="objectives.measurement")
    assert events.filter(action="update").count() == 1 and events.filter(action="create").count() == 2


def test_import_is_refused_whole(province):
    days = objective(province.d842, title="Số ngày", unit="days", target="5", comparator="le")
    result = read_onestop(data=ONESTOP_CSV.encode(), filename="mot-cua.csv", year=2025, period="monthly",
                          today=READ_ON)
    with pytest.raises(ValidationError) as exc:
        services.measurements_import(objective=days, actor=None, result=result)
    assert "percentage" in exc.value.messages[0]
    bad = read_onestop(data=b"x", filename="a.csv", year=2025, period="monthly", today=READ_ON)
    with pytest.raises(ValidationError):
        services.measurements_import(objective=objective(province.d842), actor=None, result=bad)
    assert not Measurement.objects.exists()


def test_summary_per_agency_in_one_query(province, django_assert_num_queries):
    a = objective(province.d842, year=2025)
    b = objective(province.d842, year=2025, title="Không có khiếu nại", target="0", unit="count", comparator="le")
    objective(province.d842, year=2025, title="Chưa đo")
    objective(province.stp, year=2025)
    services.measurement_record(objective=a, actor=None, period_index=1, value=Decimal("99"))
    services.measurement_record(objective=b, actor=None, period_index=1, value=Decimal("2"))
    with django_assert_num_queries(1):
        summary = objectives_summary(agencies=Agency.objects.all(), year=2025)
    assert summary[province.d842.pk] == {"total": 3, "measured": 2, "achieved": 1}
    assert summary[province.stp.pk] == {"total": 1, "measured": 0, "achieved": 0}
    assert achieved_share(summary[province.d842.pk]) == Decimal("50")
    assert achieved_share(summary[province.stp.pk]) is None
    assert Objective.objects.count() == 4
