"""The one-stop shop's bulk endpoint: idempotent by dossier number, all or nothing, limited in size, written only by
who may write the agency with a read-write token, and counted into the on-time rates as the CSV import counts."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from isogov.accounts import services as accounts
from isogov.audit.models import AuditEvent
from isogov.conftest import login
from isogov.objectives.models import Dossier, Measurement
from isogov.objectives.onestop import read_onestop
from isogov.objectives.tests.helpers import ONESTOP_CSV, objective

pytestmark = pytest.mark.django_db
URL = "/api/v1/agencies/842/onestop/dossiers/"


def _day(text: str) -> str:
    day, month, year = text.split("/") if "/" in text else reversed(text.split("-"))
    return f"{year}-{month}-{day}"


def records_of_csv() -> list[dict]:
    """The CSV import's example (objectives/tests/helpers.py), as the one-stop-shop system would push it."""
    records = []
    for line in ONESTOP_CSV.splitlines()[1:]:
        if not line.strip():
            continue
        _n, code, file_id, received, due, returned = line.split(";")
        received = _day(received)
        records.append({"number": f"000.00.42.H59-{received[2:4]}{received[5:7]}{received[8:10]}-000{file_id[1]}",
                        "procedure": code, "received": received, "due": _day(due),
                        "done": _day(returned) if returned else None})
    return records


@pytest.fixture
def secretary(client, province):
    _token, secret = accounts.token_create(actor=province.alice, user=province.alice, name="Một cửa",
                                           scope="read-write")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def push(client, body):
    return client.post(URL, data=body, content_type="application/json")


def state():
    return (list(Dossier.objects.order_by("id").values_list()), AuditEvent.objects.count(),
            list(Measurement.objects.order_by("id").values_list()))


def test_the_on_time_rates_are_the_csv_imports_for_the_same_records(secretary, province):
    goal = objective(province.d842, province.alice, year=2025, period="monthly")
    response = push(secretary, {"objective": goal.pk, "records": records_of_csv()})
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 8
    # By hand (today is after 2026): January 2025: A1 on time, A2 late, A3 on time, A6 on time → 3 of 4 = 75 %;
    # February: A4 on time, A5 not returned and past due → 1 of 2 = 50 %; A7 (2024) and A8 (2026) are outside 2025.
    values = dict(goal.measurements.values_list("period_index", "value"))
    assert values == {1: Decimal("75.00"), 2: Decimal("50.00")}
    goal.refresh_from_db()
    assert goal.year_value == Decimal("62.50")
    csv = read_onestop(data=ONESTOP_CSV.encode(), filename="x.csv", year=2025, period="monthly",
                       today=timezone.localdate())
    pushed = {m.period_index: (m.on_time, m.counted) for m in goal.measurements.all()}
    assert {i: (t.on_time, t.counted) for i, t in csv.periods.items()} == pushed == {1: (3, 4), 2: (1, 2)}


def test_the_same_batch_twice_changes_nothing_the_second_time(secretary, province):
    goal = objective(province.d842, province.alice, year=2025, period="monthly")
    body = {"objective": goal.pk, "records": records_of_csv()}
    assert push(secretary, body).status_code == 200
    before = state()
    response = push(secretary, body)
    assert response.status_code == 200
    assert response.json() == {"created": 0, "updated": 0, "unchanged": 8, "measurements": []}
    assert state() == before


def test_a_changed_record_updates_its_dossier_and_the_rate(secretary, province):
    goal = objective(province.d842, province.alice, year=2025, period="monthly")
    records = records_of_csv()
    push(secretary, {"objective": goal.pk, "records": records})
    records[4]["done"] = "2025-02-09"  # A5 returned before its due date after all
    response = push(secretary, {"objective": goal.pk, "records": records})
    assert response.json()["updated"] == 1 and response.json()["unchanged"] == 7
    assert Dossier.objects.get(number=records[4]["number"]).done == dt.date(2025, 2, 9)
    assert goal.measurements.get(period_index=2).value == Decimal("100.00")  # 2 of 2


def test_one_bad_record_changes_nothing_and_is_named(secretary, province):
    records = records_of_csv()
    records[3]["due"] = "2025-01-01"  # before it was received (25/01/2025)
    before = state()
    response = push(secretary, {"records": records})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["records.3.due"]
    assert errors["records.3.due"][0].startswith(records[3]["number"])
    assert state() == before


def test_a_dossier_number_out_of_the_national_format_or_twice_is_refused(secretary, province):
    records = records_of_csv()[:3]
    records[1]["number"] = "A2"
    records[2]["number"] = records[0]["number"]
    response = push(secretary, {"records": records})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"records.1.number", "records.2.number"}
    assert not Dossier.objects.exists()


def test_bad_json_and_bad_types_are_400_never_500(secretary, province):
    assert secretary.post(URL, data="{not json", content_type="application/json").status_code == 400
    response = push(secretary, {"records": [{"number": 1, "received": "yesterday"}]})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"records.0.procedure", "records.0.received", "records.0.due"}
    assert push(secretary, {"records": []}).status_code == 400


def test_a_batch_over_the_limit_is_refused(secretary, province, settings):
    settings.ISOGOV = {**settings.ISOGOV, "ONESTOP_BATCH_MAX": 2}
    response = push(secretary, {"records": records_of_csv()[:3]})
    assert response.status_code == 400
    assert "records" in response.json()["errors"]
    assert not Dossier.objects.exists()


def test_only_who_may_write_the_agency_pushes(client, province):
    body = {"records": records_of_csv()[:1]}
    _t, read = accounts.token_create(actor=province.alice, user=province.alice, name="r", scope="read")
    assert client.post(URL, data=body, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {read}").status_code == 403
    for user, status in ((province.bob, 404), (province.viewer, 403), (province.inspector, 403)):
        login(client, user)
        assert push(client, body).status_code == status, user
    assert not Dossier.objects.exists()
    login(client, province.admin)  # the programme lead writes every agency (session, as in the browser)
    assert push(client, body).status_code == 200


def test_an_objective_of_another_agency_is_refused(secretary, province):
    other = objective(province.d844, province.bob, year=2025)
    response = push(secretary, {"objective": other.pk, "records": records_of_csv()})
    assert response.status_code == 400 and "objective" in response.json()["errors"]
    assert not Dossier.objects.exists()


def test_two_identical_batches_at_once_store_each_dossier_once(province):
    """The loser of the race (its check passed before the winner's rows were committed) is refused as a whole with
    a 400's reason, not a 500 (the simulated winner's row is undone with it here: one connection)."""
    from django.core.exceptions import ValidationError

    from isogov.core.tests.races import row_appears_after_check
    from isogov.objectives import services_onestop

    def batch():
        return [services_onestop.Record(number="000.00.42.H59-250102-0001", procedure="1.001193",
                                        received=dt.date(2025, 1, 2), due=dt.date(2025, 1, 10))]

    def winner():
        Dossier.objects.create(agency=province.d842, number="000.00.42.H59-250102-0001", procedure="1.001193",
                               received=dt.date(2025, 1, 2), due=dt.date(2025, 1, 10))

    with row_appears_after_check(Dossier, "unique_dossier_number", winner), pytest.raises(ValidationError) as lost:
        services_onestop.dossiers_push(agency=province.d842, actor=province.alice, records=batch())
    assert "records" in lost.value.message_dict
    first = services_onestop.dossiers_push(agency=province.d842, actor=province.alice, records=batch())
    again = services_onestop.dossiers_push(agency=province.d842, actor=province.alice, records=batch())
    assert (first.created, again.created, again.unchanged, Dossier.objects.count()) == (1, 0, 1, 1)


def test_a_record_of_the_wrong_type_is_named_by_its_index_and_field(secretary, province):
    records = records_of_csv()
    records[2]["received"] = "yesterday"
    response = push(secretary, {"records": records})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["records.2.received"]
    assert not Dossier.objects.exists()
