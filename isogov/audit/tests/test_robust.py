"""Issue 7, defect 1: every event a service writes renders; one that cannot shows its raw value; an export is
complete or says that it failed."""
import csv
import io

import pytest
from django.urls import reverse

from isogov.audit import presentation
from isogov.audit.models import Action, AuditEvent
from isogov.audits import services as audits
from isogov.audits.tests.helpers import plan

pytestmark = pytest.mark.django_db
URL = "/audit/"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def audit_with_team(province, iso2015):
    audit = plan(province.d842, province.alice)
    audits.audit_set_team(audit=audit, actor=province.alice, lead_auditor_name="Trần Thị Bích",
                          auditor_names=["Lê Văn Cường"])
    return audit


def test_an_audit_team_renders_on_every_page_that_holds_it(province, as_user, audit_with_team):
    client = as_user(province.alice)
    for params in ({}, {"agency": "842"}, {"agency": "842", "action": "update"}):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        html = response.content.decode()
        assert "<del>—</del> → <ins>Trần Thị Bích, Lê Văn Cường</ins>" in html
        assert "Audit team" in html


def test_the_export_holds_every_event(province, as_user, audit_with_team):
    client = as_user(province.admin)
    rows = _csv(client.get(reverse("audit:event_export")))
    assert len(rows) - 1 == AuditEvent.objects.count()
    team = next(r for r in rows[1:] if r[8] == "Audit team")
    assert "Trần Thị Bích, Lê Văn Cường" in team[9]


def test_an_event_that_cannot_be_rendered_shows_its_raw_value(province, as_user, monkeypatch):
    AuditEvent.objects.create(at="2024-03-01T08:00:00+07:00", actor_name="lead", action=Action.UPDATE,
                              object_type="registry.agency", object_id=str(province.d842.pk),
                              object_repr="Thành phố Trà Vinh", agency=province.d842,
                              changes={"phone": ["0294 1", "0294 2"]})

    def broken(*args, **kwargs):
        raise RuntimeError("cannot render")

    monkeypatch.setattr(presentation, "display_value", broken)
    client = as_user(province.admin)
    response = client.get(URL, {"agency": "842"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "0294 1" in html and "0294 2" in html
    rows = _csv(client.get(reverse("audit:event_export"), {"agency": "842"}))
    assert len(rows) - 1 == AuditEvent.objects.filter(agency=province.d842).count()
    assert any("0294 2" in r[9] for r in rows[1:])


def test_an_export_that_breaks_off_says_so_in_its_last_line(province, as_user, monkeypatch):
    real = presentation.csv_rows

    def breaks_after_one(qs):
        rows = real(qs)
        yield next(rows)
        raise RuntimeError("database went away")

    monkeypatch.setattr(presentation, "csv_rows", breaks_after_one)
    rows = _csv(as_user(province.admin).get(reverse("audit:event_export")))
    assert len(rows) == 3  # header, one event, the failure
    assert "export failed" in rows[-1][0].lower() and "incomplete" in rows[-1][0].lower()
