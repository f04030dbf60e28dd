import re
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.objectives import services
from isogov.objectives.models import Measurement, Objective
from isogov.objectives.tests.helpers import READ_ON, csv_upload, objective

pytestmark = pytest.mark.django_db


def test_secretary_creates_an_objective_and_types_measurements(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("objectives:create", args=["842"]), {
        "year": "2025", "title": "Tỷ lệ hồ sơ đúng hạn", "comparator": "ge", "target": "98,5", "unit": "percent",
        "period": "monthly", "owner": "Bộ phận một cửa"})
    assert response.status_code == 302
    o = Objective.objects.get()
    assert o.target == Decimal("98.50")
    url = reverse("objectives:measure", args=["842", o.pk])
    assert client.post(url, {"period_index": "3", "value": "99,1"}).status_code == 302
    assert client.post(url, {"period_index": "4", "value": "97.25"}).status_code == 302
    html = client.get(reverse("objectives:detail", args=["842", o.pk])).content.decode()
    assert "99,1 %" in html and "97,25 %" in html and 'data-testid="target-line"' in html
    assert "<polyline" in html and "98,18 %" in html  # the mean of the two months
    index = client.get(reverse("objectives:agency_index", args=["842"]), {"year": "2025"}).content.decode()
    assert "Tỷ lệ hồ sơ đúng hạn" in index and "<svg" in index


def test_forms_reshow_what_was_typed_with_errors(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("objectives:create", args=["842"]), {
        "year": "2025", "title": "Tỷ lệ đúng hạn", "comparator": "ge", "target": "120", "unit": "percent",
        "period": "monthly"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "above 100" in html and "Tỷ lệ đúng hạn" in html and 'value="120"' in html
    o = objective(province.d842)
    response = client.post(reverse("objectives:measure", args=["842", o.pk]),
                           {"period_index": "2", "value": "abc", "note": "ghi chú tháng 2"})
    assert response.status_code == 400
    assert "Enter a number" in response.content.decode() and "ghi chú tháng 2" in response.content.decode()
    assert not Measurement.objects.exists()


def test_outsiders_and_readers(province, as_user):
    o = objective(province.d842)
    m = services.measurement_record(objective=o, actor=None, period_index=1, value=Decimal("99"))
    posts = [
        (reverse("objectives:create", args=["842"]), {"year": "2025", "title": "X", "comparator": "ge",
                                                      "target": "1", "unit": "count", "period": "yearly"}),
        (reverse("objectives:measure", args=["842", o.pk]), {"period_index": "2", "value": "50"}),
        (reverse("objectives:measurement_delete", args=["842", m.pk]), {}),
        (reverse("objectives:delete", args=["842", o.pk]), {}),
        (reverse("objectives:edit", args=["842", o.pk]), {"year": "2025", "title": "Y", "comparator": "ge",
                                                          "target": "1", "unit": "count", "period": "monthly"}),
    ]
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.viewer, 403),
                           (province.inspector, 403)):
        client = as_user(user)
        for url, data in posts:
            assert client.post(url, data).status_code == expected, (user, url)
        read = client.get(reverse("objectives:detail", args=["842", o.pk])).status_code
        assert read == (404 if expected == 404 else 200)
    assert Objective.objects.get().title == o.title and Measurement.objects.count() == 1
    # A reader sees the objective but no form to change it.
    html = as_user(province.viewer).get(reverse("objectives:detail", args=["842", o.pk])).content.decode()
    assert "Record a measurement" not in html
    # An objective of another agency is not reachable through one's own agency code.
    other = objective(province.stp)
    assert as_user(province.alice).get(reverse("objectives:detail", args=["842", other.pk])).status_code == 404


def test_import_preview_then_confirm(province, as_user):
    o = objective(province.d842)
    client = as_user(province.alice)
    url = reverse("objectives:import", args=["842"])
    with mock.patch("django.utils.timezone.localdate", return_value=READ_ON):
        response = client.post(url, {"objective": o.pk, "file": csv_upload()})
        assert response.status_code == 200
        html = response.content.decode()
        assert "75 %" in html and "50 %" in html and "33,33 %" in html
        assert not Measurement.objects.exists()
        payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
        # A changed payload is refused, and nothing is recorded.
        assert client.post(url, {"payload": payload[:-2] + "xx"}).status_code == 409
        assert not Measurement.objects.exists()
        # Another agency's user cannot replay it against their own agency.
        assert as_user(province.bob).post(reverse("objectives:import", args=["844"]),
                                          {"payload": payload}).status_code == 409
        client = as_user(province.alice)
        response = client.post(url, {"payload": payload})
    assert response.status_code == 302
    assert dict(Measurement.objects.values_list("period_index", "value")) == {1: Decimal("75.00"),
                                                                              2: Decimal("50.00")}


def test_import_with_errors_records_nothing_and_lists_rows(province, as_user):
    o = objective(province.d842)
    client = as_user(province.alice)
    bad = "Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n1.001193;A1;02/01/2025;xx;\n"
    response = client.post(reverse("objectives:import", args=["842"]), {"objective": o.pk, "file": csv_upload(bad)})
    assert response.status_code == 400
    assert "Row 2, column" not in response.content.decode()  # shown as a table, row by row
    assert re.search(r"<td class=\"num\">2</td><td>Ngày hẹn trả</td>", response.content.decode())
    assert not Measurement.objects.exists()


def test_import_page_is_refused_to_outsiders_and_readers(province, as_user):
    objective(province.d842)
    url = reverse("objectives:import", args=["842"])
    assert as_user(province.bob).get(url).status_code == 404
    assert as_user(province.viewer).get(url).status_code == 403
    assert as_user(province.alice).get(url).status_code == 200


def _make(agency, n):
    for i in range(n):
        o = objective(agency, title=f"Chỉ tiêu {agency.code}-{Objective.objects.count()}-{i}")
        for month in range(1, 13):
            services.measurement_record(objective=o, actor=None, period_index=month, value=Decimal(90 + month % 9))


def test_list_and_detail_queries_do_not_grow(province, as_user):
    client = as_user(province.alice)
    _make(province.d842, 1)
    first = Objective.objects.first()
    url = reverse("objectives:agency_index", args=["842"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"year": "2025"}).status_code == 200
    with CaptureQueriesContext(connection) as small_detail:
        client.get(reverse("objectives:detail", args=["842", first.pk]))
    _make(province.d842, 15)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"year": "2025"})
    with CaptureQueriesContext(connection) as large_detail:
        client.get(reverse("objectives:detail", args=["842", first.pk]))
    assert response.content.decode().count("<svg") == 16
    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(small_detail.captured_queries) == len(large_detail.captured_queries)


def test_import_refuses_a_decompression_bomb_with_a_clear_message(province, as_user, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from isogov.core.tests import zip_bombs

    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1 << 20}
    o = objective(province.d842)
    upload = SimpleUploadedFile("mot-cua.xlsx", zip_bombs.xlsx_bomb(4 << 20))
    response = as_user(province.alice).post(reverse("objectives:import", args=["842"]),
                                            {"objective": o.pk, "file": upload})
    assert response.status_code == 400 and "unpacks to 4,0\xa0MB" in response.content.decode()
    assert not Measurement.objects.exists()


def test_year_filter_shows_this_year_when_the_year_is_missing_or_implausible(province, as_user):
    from django.utils import timezone

    objective(province.d842, year=2025)
    client = as_user(province.alice)
    url = reverse("objectives:agency_index", args=["842"])
    this_year = timezone.localdate().year
    for asked in ({}, {"year": "abc"}, {"year": "1990"}, {"year": "2101"}):
        response = client.get(url, asked)
        assert response.status_code == 200 and response.context["year"] == this_year
        assert response.context["rows"] == [] or this_year == 2025
    response = client.get(url, {"year": "2025"})
    assert response.context["year"] == 2025 and len(response.context["rows"]) == 1
    create = client.get(reverse("objectives:create", args=["842"]), {"year": "2025"})
    assert create.context["form"].initial["year"] == 2025


def test_a_period_measured_again_through_the_form_takes_the_new_value(province, as_user):
    o = objective(province.d842)
    client = as_user(province.alice)
    url = reverse("objectives:measure", args=["842", o.pk])
    assert client.post(url, {"period_index": "1", "value": "90"}).status_code == 302
    assert client.post(url, {"period_index": "1", "value": "95,5"}).status_code == 302
    assert Measurement.objects.get(objective=o, period_index=1).value == Decimal("95.50")
