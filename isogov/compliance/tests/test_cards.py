import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.compliance import selectors, verdict
from isogov.compliance.rules import AMBER, GREEN, GREY, RED
from isogov.compliance.selectors import compliance_card, compliance_cards
from isogov.compliance.tests import fake_providers
from isogov.objectives import services as objective_services
from isogov.objectives.models import Measurement, Objective
from isogov.qms.models import QmsFact
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, Tier
from isogov.registry.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def fakes(monkeypatch):
    monkeypatch.setattr(selectors, "legal_facts", fake_providers.legal_facts)
    monkeypatch.setattr(selectors, "capa_facts", fake_providers.capa_facts)
    monkeypatch.setattr(verdict, "legal_overdue_ids", fake_providers.legal_overdue_ids)
    monkeypatch.setattr(verdict, "capa_overdue_ids", fake_providers.capa_overdue_ids)
    fake_providers.ANSWERS["legal"].clear()
    fake_providers.ANSWERS["capa"].clear()
    return fake_providers.ANSWERS


def set_state(agency, state, since=None):
    Agency.objects.filter(pk=agency.pk).update(qms_state=state, qms_state_since=since)
    agency.refresh_from_db()
    return agency


def fact(agency, kind, day):
    return QmsFact.objects.create(agency=agency, kind=kind, date=day)


def test_a_maintaining_agency_with_everything_on_time_is_compliant(province, fakes):
    agency = set_state(province.d842, QmsState.MAINTAINING)
    fact(agency, "internal_audit", dt.date(2026, 3, 2))
    fact(agency, "internal_audit", dt.date(2025, 3, 2))
    fact(agency, "management_review", dt.date(2026, 4, 6))
    fakes["capa"][agency.pk] = {"ca_open": 2, "ca_overdue": 0, "ca_closed_12m": 1}
    o = Objective.objects.create(agency=agency, year=2026, title="Đúng hạn", target=Decimal("98"))
    Objective.objects.filter(pk=o.pk).update(periods_measured=3, periods_achieved=3, year_achieved=True)
    card = compliance_card(agency=agency, today=TODAY)
    levels = {i.key: i.level for i in card.items}
    assert levels == {"internal_audit": GREEN, "management_review": GREEN, "legal": GREEN, "reannounce": GREEN,
                      "corrective_actions": GREEN, "objectives": GREEN}
    assert card.ok
    audit = card.item("internal_audit")
    assert audit.date == dt.date(2026, 3, 2) and "02/03/2026" in audit.fact and "02/03/2027" in audit.fact
    assert audit.url == "/agencies/842/audits/"
    assert "2 open" in card.item("corrective_actions").fact


def test_overdue_and_missing_facts_turn_red_with_the_fact_that_did_it(province, fakes):
    since = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    agency = set_state(province.d842, QmsState.REANNOUNCE_DUE, since)
    fact(agency, "internal_audit", dt.date(2025, 11, 1))  # more than 12 months ago
    fact(agency, "management_review", dt.date(2025, 12, 10))  # due 10/12/2026: within 30 days
    fakes["legal"][agency.pk] = {"legal_pending": 2, "legal_overdue": 1, "legal_late_12m": 0}
    fakes["capa"][agency.pk] = {"ca_open": 3, "ca_overdue": 2, "ca_closed_12m": 0}
    card = compliance_card(agency=agency, today=TODAY)
    levels = {i.key: i.level for i in card.items}
    assert levels == {"internal_audit": RED, "management_review": AMBER, "legal": RED, "reannounce": RED,
                      "corrective_actions": RED, "objectives": RED}
    assert not card.ok and card.level == RED
    assert "01/11/2026" in card.item("internal_audit").fact
    assert "01/10/2026" in card.item("reannounce").fact
    assert card.item("legal").count == 1 and "2 overdue of 3 open" in card.item("corrective_actions").fact
    assert "No quality objective set for 2026" in card.item("objectives").fact


def test_amber_legal_and_objectives(province, fakes):
    agency = set_state(province.d842, QmsState.ANNOUNCED)
    fact(agency, "internal_audit", dt.date(2026, 6, 1))
    fact(agency, "management_review", dt.date(2026, 6, 1))
    fakes["legal"][agency.pk] = {"legal_pending": 1, "legal_overdue": 0, "legal_late_12m": 0}
    for title, achieved in (("A", True), ("B", False)):
        o = Objective.objects.create(agency=agency, year=2026, title=title, target=Decimal("1"))
        Objective.objects.filter(pk=o.pk).update(periods_measured=1, year_achieved=achieved)
    card = compliance_card(agency=agency, today=TODAY)
    assert card.item("legal").level == AMBER and card.item("objectives").level == AMBER
    assert "1 of 2 measured objectives achieved (50 %)" in card.item("objectives").fact
    assert card.ok  # amber warns, it does not fail


def test_a_new_agency_is_grey_where_nothing_is_due_yet_and_not_compliant(province, fakes):
    card = compliance_card(agency=province.stp, today=TODAY)
    levels = {i.key: i.level for i in card.items}
    assert levels == {"internal_audit": GREY, "management_review": GREY, "legal": GREEN, "reannounce": GREY,
                      "corrective_actions": GREEN, "objectives": GREY}
    assert not card.ok


def test_objectives_use_measurements_through_the_services(province, fakes):
    agency = set_state(province.d842, QmsState.MAINTAINING)
    o = objective_services.objective_create(agency=agency, actor=None, year=2026, title="Đúng hạn",
                                            comparator="ge", target=Decimal("98"), unit="percent", period="monthly")
    Measurement.objects.create(objective=o, period_index=1, value=Decimal("90"))
    objective_services.recompute(o)
    assert compliance_card(agency=agency, today=TODAY).item("objectives").level == RED


def make_agencies(n: int, parent: Agency, start: int = 0) -> list[Agency]:
    commune = Tier.objects.get(code="commune")
    agencies = Agency.objects.bulk_create(
        [CommuneFactory.build(number=i, tier=commune, parent=parent) for i in range(start, start + n)],
        batch_size=2000)
    agencies = list(Agency.objects.filter(code__in=[a.code for a in agencies]))
    QmsFact.objects.bulk_create([QmsFact(agency=a, kind=kind, date=dt.date(2026, 1 + i % 10, 1))
                                 for i, a in enumerate(agencies) for kind in ("internal_audit", "management_review")])
    Objective.objects.bulk_create([Objective(agency=a, year=TODAY.year, title=f"Mục tiêu {k}", target=Decimal("90"),
                                             periods_measured=k, year_achieved=bool(k % 2))
                                   for a in agencies for k in range(3)])
    return agencies


def test_cards_cost_the_same_queries_for_10_and_1000_agencies(province, fakes, django_assert_num_queries):
    make_agencies(10, province.d842)
    with CaptureQueriesContext(connection) as small:
        cards = compliance_cards(agencies=Agency.objects.all(), today=TODAY)
    assert len(cards) == 17
    make_agencies(990, province.d842, start=10)
    with django_assert_num_queries(len(small.captured_queries)):
        cards = compliance_cards(agencies=Agency.objects.all(), today=TODAY)
    assert len(cards) == 1007


@pytest.mark.parametrize("params", [{}, {"tier": "commune", "not_compliant": "on", "page": "2"},
                                    {"state": "maintaining"}])
def test_index_page_costs_the_same_queries_for_10_and_1000_agencies(province, as_user, params,
                                                                     django_assert_num_queries):
    client = as_user(province.admin)
    make_agencies(10, province.d842)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("compliance:index"), params).status_code == 200
    make_agencies(990, province.d842, start=10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("compliance:index"), params)
    assert response.content.decode().count('class="dot') <= 50 * 6


def test_index_lists_only_readable_agencies_with_counts_by_tier(province, as_user, fakes):
    set_state(province.d842, QmsState.MAINTAINING)
    fact(province.d842, "internal_audit", dt.date(2026, 6, 1))
    fact(province.d842, "management_review", dt.date(2026, 6, 1))
    o = Objective.objects.create(agency=province.d842, year=dt.date.today().year, title="A", target=Decimal("1"))
    Objective.objects.filter(pk=o.pk).update(periods_measured=1, year_achieved=True)
    html = as_user(province.alice).get(reverse("compliance:index")).content.decode()
    assert "Thành phố Trà Vinh" in html and "Phường 4" in html and "Huyện Càng Long" not in html
    assert 'data-testid="total">3<' in html
    response = as_user(province.admin).get(reverse("compliance:index"), {"not_compliant": "on"})
    assert 'data-testid="total">7<' in response.content.decode()
    assert "Sở Tư pháp" in response.content.decode()
    assert 'data-tier="district"' in response.content.decode()
    # htmx asks for the results only
    partial = as_user(province.admin).get(reverse("compliance:index"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "compliance-counts" in partial


def test_agency_card_page_is_refused_to_outsiders(province, as_user):
    url = reverse("compliance:agency_card", args=["842"])
    assert as_user(province.bob).get(url).status_code == 404
    assert as_user(province.charlie).get(url).status_code == 404
    for reader in (province.viewer, province.inspector, province.alice):
        response = as_user(reader).get(url)
        assert response.status_code == 200 and 'data-testid="compliance-card"' in response.content.decode()
    assert as_user(province.viewer).post(url).status_code == 405


def test_an_agency_that_ended_is_judged_as_it_stood_on_its_last_day(province, fakes, as_user):
    """842 audited 02/03/2024 and merged on 30/06/2025: due again 02/03/2025, so red on its last day too; but an
    audit of 02/09/2024 was due 02/09/2025, after its end — green then, though "overdue" against today."""
    agency = set_state(province.d842, QmsState.MAINTAINING)
    fact(agency, "internal_audit", dt.date(2024, 9, 2))
    fact(agency, "management_review", dt.date(2024, 10, 1))
    assert compliance_card(agency=agency, today=TODAY).item("internal_audit").level == RED
    Agency.objects.filter(pk=agency.pk).update(ended_on=dt.date(2025, 6, 30))
    agency.refresh_from_db()
    assert compliance_card(agency=agency, today=TODAY).item("internal_audit").level != RED
    page = as_user(province.admin).get(reverse("compliance:agency_card", args=["842"])).content.decode()
    assert 'data-testid="judged-on"' in page and "30/06/2025" in page
