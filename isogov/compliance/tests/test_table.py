"""The province table judges every agency without building its card (compliance_flags) and builds the cards of the
page shown only: the two must agree on every agency, whatever its facts."""
import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from isogov.compliance import selectors, verdict
from isogov.compliance.tests.test_cards import TODAY, fact, fakes, set_state  # noqa: F401  (fakes: a fixture)
from isogov.core.dates import add_months
from isogov.dashboard.tests.test_rollups import ministry  # noqa: F401  (a fixture)
from isogov.objectives.models import Objective
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.services import agency_create

pytestmark = pytest.mark.django_db
STATES = [QmsState.NOT_STARTED, QmsState.BUILDING, QmsState.ANNOUNCED, QmsState.MAINTAINING,
          QmsState.REANNOUNCE_DUE]


def _varied(province, fakes, n=120, seed=7):
    """Agencies at every state, with audits and reviews either side of the due date (and on it), objectives at
    every share around the thresholds, overdue legal texts and corrective actions here and there."""
    rnd = random.Random(seed)
    commune = Tier.objects.get(code="commune")
    edges = [TODAY.replace(year=TODAY.year - 1) + dt.timedelta(days=d) for d in (-1, 0, 1, 20, 40, 200)]
    for i in range(n):
        a = agency_create(actor=None, code=f"V{i:03d}", name=f"Xã {i}", tier=commune, parent=province.d842,
                          kind=AgencyKind.COMMUNE_COMMITTEE)
        set_state(a, rnd.choice(STATES))
        for kind in ("internal_audit", "management_review"):
            if rnd.random() < 0.85:
                fact(a, kind, rnd.choice(edges))
        if rnd.random() < 0.8:
            total = rnd.randint(1, 5)
            measured = rnd.randint(0, total)
            achieved = rnd.randint(0, measured)
            objs = Objective.objects.bulk_create([Objective(agency=a, year=TODAY.year, title=f"M{k}",
                                                            target=Decimal("90")) for k in range(total)])
            for k, o in enumerate(objs):
                Objective.objects.filter(pk=o.pk).update(periods_measured=int(k < measured),
                                                         year_achieved=k < achieved)
        if rnd.random() < 0.15:
            fakes["legal"][a.pk] = {"legal_overdue": 1, "legal_pending": 0, "legal_late_12m": 0}
        if rnd.random() < 0.15:
            fakes["capa"][a.pk] = {"ca_open": 2, "ca_overdue": 1, "ca_closed_12m": 0}


def test_the_flags_agree_with_the_cards_on_every_agency(province, fakes):
    _varied(province, fakes)
    agencies = Agency.objects.all()
    cards = selectors.compliance_cards(agencies=agencies, today=TODAY)
    flags = selectors.compliance_flags(agencies=agencies, today=TODAY)
    assert flags == {pk: card.ok for pk, card in cards.items()}
    assert 5 < sum(flags.values()) < len(flags) - 5  # both answers are well represented


def test_the_flags_follow_a_threshold_changed_in_the_settings(province, fakes, settings):
    _varied(province, fakes, n=60, seed=3)
    settings.ISOGOV = {**settings.ISOGOV, "OBJECTIVES_AMBER_SHARE": 0}
    before = sum(selectors.compliance_flags(agencies=Agency.objects.all(), today=TODAY).values())
    cards = selectors.compliance_cards(agencies=Agency.objects.all(), today=TODAY)
    assert before == sum(card.ok for card in cards.values())


@pytest.mark.parametrize("amber", [12, 13, 37, 38])
def test_a_share_exactly_half_way_is_rounded_as_the_card_rounds_it(province, fakes, settings, amber):
    """1 of 8 achieved is 12.5 %, 3 of 8 is 37.5 %: the card rounds half to even (12 and 38), and the SQL verdict
    must give the same answer just above, on and just below each threshold."""
    settings.ISOGOV = {**settings.ISOGOV, "OBJECTIVES_AMBER_SHARE": amber}
    commune = Tier.objects.get(code="commune")
    for code, achieved in (("H1", 1), ("H3", 3)):
        a = agency_create(actor=None, code=code, name=f"Xã {code}", tier=commune, parent=province.d842,
                          kind=AgencyKind.COMMUNE_COMMITTEE)
        set_state(a, QmsState.MAINTAINING)
        fact(a, "internal_audit", TODAY)
        fact(a, "management_review", TODAY)
        objs = Objective.objects.bulk_create([Objective(agency=a, year=TODAY.year, title=f"M{k}",
                                                        target=Decimal("90")) for k in range(8)])
        for k, o in enumerate(objs):
            Objective.objects.filter(pk=o.pk).update(periods_measured=1, year_achieved=k < achieved)
    agencies = Agency.objects.filter(code__in=["H1", "H3"])
    cards = selectors.compliance_cards(agencies=agencies, today=TODAY)
    flags = selectors.compliance_flags(agencies=agencies, today=TODAY)
    assert flags == {pk: card.ok for pk, card in cards.items()}
    assert sorted(flags.values()) == sorted([amber <= 12, amber <= 38])


def test_on_time_since_is_the_first_day_still_on_time_on_every_day_of_four_years():
    for months in (1, 3, 12):
        day = dt.date(2023, 1, 1)
        while day < dt.date(2027, 1, 1):
            since = verdict.on_time_since(months=months, today=day)
            assert add_months(since, months) >= day > add_months(since - dt.timedelta(days=1), months), (day, months)
            day += dt.timedelta(days=1)


def test_compliant_is_false_for_an_agency_not_announced_whatever_its_facts(province, fakes):
    agency = set_state(province.d842, QmsState.MAINTAINING)
    fact(agency, "internal_audit", TODAY)
    fact(agency, "management_review", TODAY)
    o = Objective.objects.create(agency=agency, year=TODAY.year, title="Đúng hạn", target=Decimal("90"))
    Objective.objects.filter(pk=o.pk).update(periods_measured=1, year_achieved=True)
    one = Agency.objects.filter(pk=agency.pk)
    assert selectors.compliance_flags(agencies=one, today=TODAY) == {agency.pk: True}
    for state in (QmsState.NOT_STARTED, QmsState.BUILDING, QmsState.REANNOUNCE_DUE):
        set_state(agency, state)
        assert selectors.compliance_flags(agencies=one, today=TODAY) == {agency.pk: False}


def test_the_page_narrows_to_a_district_and_searches_and_rolls_up_per_district(province, as_user, fakes):
    set_state(province.c29242, QmsState.MAINTAINING)
    url = reverse("compliance:index")
    html = as_user(province.admin).get(url).content.decode()
    assert 'data-testid="rollup-district"' in html and 'data-head="842"' in html and 'data-head="844"' in html
    assert 'data-testid="rollup-province"' not in html  # a province's registry has no level above it
    within = as_user(province.admin).get(url, {"within": "844"}).content.decode()
    assert 'data-testid="total">2<' in within and "Thị trấn Càng Long" in within and "Phường 4" not in within
    found = as_user(province.admin).get(url, {"q": "phuong"}).content.decode()  # no diacritics typed
    assert 'data-testid="total">2<' in found and "Phường 4" in found and "Thị trấn Càng Long" not in found
    # A district's secretary narrows only to what they may read: 844 is not offered, and asking for it is ignored.
    mine = as_user(province.alice).get(url, {"within": "844"}).content.decode()
    assert 'value="844"' not in mine and 'data-testid="total">3<' in mine


def test_with_many_provinces_and_districts_the_filter_is_typed_and_an_unknown_code_finds_nothing(
        province, as_user, fakes, monkeypatch):
    from isogov.compliance import filters

    monkeypatch.setattr(filters, "MAX_CHOICES", 1)
    url = reverse("compliance:index")
    client = as_user(province.admin)
    page = client.get(url, {"within": "844"}).content.decode()
    assert '<select name="within"' not in page and 'data-testid="total">2<' in page
    assert 'data-testid="total">0<' in client.get(url, {"within": "NOPE"}).content.decode()


def test_under_a_ministry_the_districts_roll_up_one_province_at_a_time(ministry, as_user):
    # The country's districts are hundreds of rows: shown for the province the table is narrowed to.
    client = as_user(ministry["viewer"])
    url = reverse("compliance:index")
    page = client.get(url).content.decode()
    assert 'data-testid="rollup-province"' in page and 'data-head="T1"' in page and 'data-head="T2"' in page
    assert 'data-testid="rollup-district"' not in page and 'data-testid="districts-hint"' in page
    within = client.get(url, {"within": "T1"}).content.decode()
    assert 'data-testid="rollup-province"' not in within and 'data-testid="districts-hint"' not in within
    assert 'data-head="T1.H1"' in within and 'data-head="T1.H2"' in within and 'data-head="T2.H1"' not in within
