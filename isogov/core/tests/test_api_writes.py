"""Writes through the API go through the pages' services: the same rows, numbering and audit trail, and a service's
refusal is a 400 naming the field, never a 500."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.capa.models import Nonconformity
from isogov.conftest import login
from isogov.documents.models import Document
from isogov.objectives.tests.helpers import objective
from isogov.risks.models import Risk

pytestmark = pytest.mark.django_db
BASE = "/api/v1/agencies/842"


@pytest.fixture
def alice(client, province):
    return login(client, province.alice)


def post(client, url, body):
    return client.post(url, data=body, content_type="application/json")


def test_a_risk_created_and_changed_through_the_api_is_audited_as_on_the_page(alice, province):
    review = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    response = post(alice, f"{BASE}/risks/", {"kind": "risk", "description": "Trả kết quả trễ hạn", "likelihood": 3,
                                              "impact": 4, "owner": "Văn phòng", "review_date": review})
    assert response.status_code == 201, response.content
    risk = Risk.objects.get(pk=response.json()["id"])
    assert (risk.agency, risk.created_by, risk.likelihood * risk.impact) == (province.d842, province.alice, 12)
    assert AuditEvent.objects.filter(object_type="risks.risk", object_id=str(risk.pk), action="create").exists()
    response = alice.patch(f"{BASE}/risks/{risk.pk}/", data={"impact": 2}, content_type="application/json")
    assert response.status_code == 200 and response.json()["impact"] == 2
    assert AuditEvent.objects.filter(object_type="risks.risk", object_id=str(risk.pk), action="update").exists()


def test_a_service_refusal_is_a_400_naming_the_field(alice, province):
    body = {"code": "QT-01", "title": "Quy trình tiếp nhận", "kind": "procedure"}
    response = post(alice, f"{BASE}/documents/", body)  # the service wants an owner, as the form does
    assert response.status_code == 400 and "owner_name" in response.json()["errors"]
    body["owner_name"] = "Văn phòng"
    created = post(alice, f"{BASE}/documents/", body)
    assert created.status_code == 201, created.content
    response = post(alice, f"{BASE}/documents/", {**body, "code": "qt-01"})  # the same code, whatever its case
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"} and "code" in response.json()["errors"]
    assert Document.objects.filter(agency=province.d842).count() == 1
    response = post(alice, f"{BASE}/risks/", {"kind": "risk", "description": "x", "likelihood": 3, "impact": 4,
                                              "owner": "VP", "review_date": "2025-01-01", "procedure": "1.999999"})
    assert response.status_code == 400 and "procedure" in response.json()["errors"]


def test_a_nonconformity_opened_through_the_api_is_numbered_by_the_service(alice, province):
    body = {"source": "process_monitoring", "description": "Trả kết quả trễ",
            "detected_on": timezone.localdate().isoformat()}
    first, second = post(alice, f"{BASE}/nonconformities/", body), post(alice, f"{BASE}/nonconformities/", body)
    assert (first.status_code, second.status_code) == (201, 201)
    assert [first.json()["number"], second.json()["number"]] == [1, 2]
    assert Nonconformity.objects.filter(agency=province.d842).count() == 2


def test_a_measurement_recorded_through_the_api_updates_the_objective(alice, province):
    goal = objective(province.d842, province.alice, year=2025, period="quarterly")
    response = post(alice, f"{BASE}/objectives/{goal.pk}/measurements/", {"period_index": 1, "value": "97.5"})
    assert response.status_code == 201, response.content
    goal.refresh_from_db()
    assert goal.year_value == Decimal("97.50")
    response = post(alice, f"{BASE}/objectives/{goal.pk}/measurements/", {"period_index": 9, "value": "97.5"})
    assert response.status_code == 400 and "period_index" in response.json()["errors"]


def test_bad_input_is_400_never_500(alice, province):
    assert alice.post(f"{BASE}/risks/", data="{", content_type="application/json").status_code == 400
    assert alice.post(f"{BASE}/risks/", data="[]", content_type="application/json").status_code == 400
    assert alice.get(f"{BASE}/risks/?status=nonsense").status_code == 400
    assert alice.get(f"{BASE}/risks/?page=999").status_code == 404
    assert alice.get(f"{BASE}/risks/999999999/").status_code == 404
    assert alice.get(f"{BASE}/risks/?page_size=100000").status_code == 200


def test_an_agency_is_changed_as_its_edit_page_allows(client, province):
    login(client, province.alice)
    url = "/api/v1/agencies/842/"
    response = client.patch(url, data={"phone": "0294 3855 111"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["phone"] == "0294 3855 111"
    assert AuditEvent.objects.filter(object_type="registry.agency", action="update", actor=province.alice).exists()
    response = client.patch(url, data={"name": "Tên khác"}, content_type="application/json")
    assert response.status_code == 403 and "name" in response.json()["detail"]
    login(client, province.admin)
    assert client.patch(url, data={"name": "Thành phố Trà Vinh (mới)"},
                        content_type="application/json").json()["name"] == "Thành phố Trà Vinh (mới)"
