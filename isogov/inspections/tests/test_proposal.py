"""The on-site proposal: the same records give the same list, each reason moves an agency up, the list spreads
across tiers and districts, and the law's one third is warned about exactly when it is not met."""
import datetime as dt

import pytest
from django.conf import settings

from isogov.capa import action_services
from isogov.capa import services as capa
from isogov.capa.models import Source
from isogov.inspections import proposal, rules
from isogov.inspections.models import Inspection
from isogov.qms.models import Announcement, FactKind, QmsFact
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 6, 1)


def ranked(province):
    return proposal.ranked(agencies=Agency.objects.filter(mandatory=True), year=2024, today=TODAY)


def order(province):
    return [c.agency.code for c in ranked(province)]


def candidate(province, code):
    return next(c for c in ranked(province) if c.agency.code == code)


def maintained(*agencies):
    """Announced in 2020, audited and reviewed in March of 2023 and of 2024: full PAR marks for 2023."""
    for agency in agencies:
        Agency.objects.filter(pk=agency.pk).update(qms_state=QmsState.MAINTAINING)
        Announcement.objects.create(agency=agency, decision_number="1/QĐ", decision_date=dt.date(2020, 1, 1),
                                    signed_file="x.pdf")
        for year in (2023, 2024):
            QmsFact.objects.create(agency=agency, kind=FactKind.INTERNAL_AUDIT, date=dt.date(year, 3, 1))
            QmsFact.objects.create(agency=agency, kind=FactKind.MANAGEMENT_REVIEW, date=dt.date(year, 3, 2))


@pytest.fixture
def calm(province):
    """SKHCN, STP, 842 and 844 (the mandatory ones) all maintaining, with full marks last year: they differ in
    nothing (never inspected; no quality objective for 2024, which turns every card red), so they come in the
    registry's order."""
    maintained(province.skhcn, province.stp, province.d842, province.d844)
    return province


def test_the_same_records_give_the_same_list(calm):
    first = [(c.agency.code, c.risk, c.reasons) for c in ranked(calm)]
    assert first == [(c.agency.code, c.risk, c.reasons) for c in ranked(calm)]
    assert [code for code, _r, _x in first] == ["SKHCN", "STP", "842", "844"]  # ties: tier, then registry order
    assert {r for _c, r, _x in first} == {rules.WEIGHTS["never_inspected"] + rules.WEIGHTS["red_card"]}, first
    assert "Quality objectives" in first[0][2][-1][2]  # the red card says which item is red


def test_an_agency_inspected_on_site_moves_down(calm):
    from isogov.inspections.tests.helpers import approved_plan

    plan = approved_plan(calm, year=2023, onsite=[calm.skhcn])
    Inspection.objects.filter(plan=plan, agency=calm.skhcn).update(record_date=dt.date(2023, 5, 1))
    c = candidate(calm, "SKHCN")
    assert c.keys == {"years_since_inspection", "red_card"}
    assert c.risk == rules.WEIGHTS["years_since_inspection"] + rules.WEIGHTS["red_card"]
    assert order(calm)[-1] == "SKHCN"


@pytest.mark.parametrize("reason", ["no_internal_audit", "no_management_review", "reannounce_due", "corrective_overdue",
                                    "legal_overdue"])
def test_each_reason_moves_the_agency_up(calm, reason):
    agency = calm.d844  # last in the registry's order
    assert order(calm)[-1] == "844"
    if reason == "no_internal_audit":
        QmsFact.objects.filter(agency=agency, kind=FactKind.INTERNAL_AUDIT).update(date=dt.date(2023, 1, 1))
    elif reason == "no_management_review":
        QmsFact.objects.filter(agency=agency, kind=FactKind.MANAGEMENT_REVIEW).update(date=dt.date(2023, 1, 1))
    elif reason == "reannounce_due":
        Agency.objects.filter(pk=agency.pk).update(qms_state=QmsState.REANNOUNCE_DUE)
    elif reason == "corrective_overdue":
        nc = capa.nonconformity_open(agency=agency, actor=calm.bob, source=Source.OTHER, description="Chậm xử lý",
                                     detected_on=dt.date(2024, 1, 5))
        capa.nonconformity_analyse(nc=nc, actor=calm.bob, whys=[("Vì sao chậm?", "Thiếu người")],
                                   root_cause="Thiếu người")
        action_services.action_add(nc=nc, actor=calm.bob, description="Sửa", owner_name="Bob",
                                   due_date=dt.date(2024, 2, 1))
    elif reason == "legal_overdue":
        from isogov.documents.models import Document, DocumentKind

        Document.objects.create(agency=agency, code="L1", title="Luật", kind=DocumentKind.EXTERNAL,
                                legal_effective_on=dt.date(2024, 1, 1), legal_due_on=dt.date(2024, 4, 1))
    c = candidate(calm, "844")
    assert reason in c.keys, c.reasons
    assert order(calm)[0] == "844"
    assert all(text for _k, _w, text in c.reasons)  # every reason says what the records show


def test_a_low_score_last_year_moves_the_agency_up(calm):
    # STP held no audit or review in 2023: 1 of its 2 points (announced), 50 % → not low; without its
    # announcement either, 0 % → low.
    QmsFact.objects.filter(agency=calm.stp, date__year=2023).delete()
    assert "low_score" not in candidate(calm, "STP").keys
    Announcement.objects.filter(agency=calm.stp).delete()
    assert "low_score" in candidate(calm, "STP").keys
    assert order(calm)[0] == "STP"
    assert "low_score" not in candidate(calm, "SKHCN").keys


def test_the_proposal_spreads_across_tiers_before_taking_seconds(calm):
    # The two provincial departments are riskier than both districts...
    for agency in (calm.skhcn, calm.stp):
        Agency.objects.filter(pk=agency.pk).update(qms_state=QmsState.REANNOUNCE_DUE)
    assert order(calm)[:2] == ["SKHCN", "STP"]
    # ... but a proposal of two takes the riskiest of each tier first.
    picked = [c.agency.code for c in proposal.propose(agencies=Agency.objects.filter(mandatory=True), year=2024,
                                                      today=TODAY, size=2)]
    assert picked == ["SKHCN", "842"]
    picked = [c.agency.code for c in proposal.propose(agencies=Agency.objects.filter(mandatory=True), year=2024,
                                                      today=TODAY, size=3)]
    assert sorted(picked) == ["842", "844", "SKHCN"]  # then each district of the district tier


@pytest.mark.parametrize("mandatory, onsite, warned", [(90, 29, True), (90, 30, False), (91, 30, True),
                                                       (91, 31, False), (4, 1, True), (4, 2, False), (0, 0, False)])
def test_one_third_warning_exactly_below_a_third(mandatory, onsite, warned):
    assert settings.ISOGOV["INSPECTION_ONSITE_DIVISOR"] == 3
    assert bool(rules.onsite_warning(onsite_mandatory=onsite, mandatory=mandatory)) is warned
