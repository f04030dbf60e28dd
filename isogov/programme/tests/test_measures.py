"""Objectives measured from the registry, by tier, in a fixed number of queries."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isogov.programme import measures, services
from isogov.programme.models import Metric
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.registry.services import agency_create

pytestmark = pytest.mark.django_db
TODAY = dt.date(2020, 12, 1)


def set_state(*agencies, state):
    Agency.objects.filter(pk__in=[a.pk for a in agencies]).update(qms_state=state)


def plan_with(province, *specs):
    plan = services.plan_create(actor=province.admin, title="x", start_year=2020, end_year=2020)
    return [services.objective_create(plan=plan, actor=province.admin, title=f"o{i}", **spec)
            for i, spec in enumerate(specs)]


def test_lifecycle_shares_by_tier_worked_by_hand(province):
    # Province tier: SKHCN maintaining, STP announced. District: 842 maintaining, 844 building.
    # Commune: 29242 announced, 29245 and 29278 not started.
    set_state(province.skhcn, province.d842, state=QmsState.MAINTAINING)
    set_state(province.stp, province.c29242, state=QmsState.ANNOUNCED)
    set_state(province.d844, state=QmsState.BUILDING)
    announced, maintaining_district = plan_with(
        province, {"metric": Metric.ANNOUNCED, "target_percent": 100},
        {"metric": Metric.MAINTAINING, "tier": province.tiers["district"], "target_percent": 50})
    result, n = measures.measure_objectives(user=province.viewer, objectives=[announced, maintaining_district],
                                            today=TODAY)
    assert n == 7
    m = result[announced.pk]
    # announced or maintaining: province 2/2, district 1/2, commune 1/3 → 4/7 = 57%
    assert [(r.count, r.of, r.percent) for r in m.rows] == [(2, 2, 100), (1, 2, 50), (1, 3, 33)]
    assert (m.total.count, m.total.of, m.total.percent, m.met) == (4, 7, 57, False)
    d = result[maintaining_district.pk]
    assert (d.total.count, d.total.of, d.met, d.rows) == (1, 2, True, [])


def test_an_agency_user_measures_over_their_own_agencies(province):
    set_state(province.d842, state=QmsState.MAINTAINING)
    (o,) = plan_with(province, {"metric": Metric.ANNOUNCED})
    result, n = measures.measure_objectives(user=province.alice, objectives=[o], today=TODAY)
    assert n == 3 and (result[o.pk].total.count, result[o.pk].total.of) == (1, 3)


def fake_flags(*, agencies, today):
    return {a.pk: a.code in ("SKHCN", "842") for a in agencies}


def fake_coverage(*, agencies, min_trained):
    tiers = {}
    for a in agencies.select_related("tier"):
        row = tiers.setdefault(a.tier.code, {"agencies": 0, "covered": 0, "secretaries": 0, "secretaries_trained": 0})
        row["agencies"] += 1
        row["covered"] += a.code in ("SKHCN", "STP", "29242")
        row["secretaries"] += bool(a.iso_secretary)
        row["secretaries_trained"] += a.code == "STP"
    return tiers


def test_compliance_and_training_providers_are_used_by_tier(province, monkeypatch):
    monkeypatch.setattr(measures, "compliance_flags", fake_flags)
    monkeypatch.setattr(measures, "training_coverage", fake_coverage)
    compliant, trained, secretaries = plan_with(
        province, {"metric": Metric.COMPLIANT, "tier": province.tiers["province"]},
        {"metric": Metric.TRAINED}, {"metric": Metric.SECRETARIES_TRAINED})
    result, _ = measures.measure_objectives(user=province.admin, objectives=[compliant, trained, secretaries],
                                            today=TODAY)
    assert (result[compliant.pk].total.count, result[compliant.pk].total.of) == (1, 2)  # SKHCN of SKHCN, STP
    t = result[trained.pk]
    assert [(r.count, r.of) for r in t.rows] == [(2, 2), (0, 2), (1, 3)] and (t.total.count, t.total.of) == (3, 7)
    s = result[secretaries.pk]  # secretaries named: SKHCN, STP, 842; STP's trained
    assert (s.total.count, s.total.of) == (1, 3)


def test_query_count_does_not_grow_with_agencies(province):
    objectives = plan_with(province, {"metric": Metric.ANNOUNCED}, {"metric": Metric.MAINTAINING},
                           {"metric": Metric.ANNOUNCED, "tier": province.tiers["commune"], "mandatory_only": True})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            measures.measure_objectives(user=province.viewer, objectives=objectives, today=TODAY)
        return len(ctx)

    small = count()
    for i in range(60):
        agency_create(actor=None, code=f"X{i}", name=f"Xã {i}", tier=province.tiers["commune"], parent=province.d844)
    assert count() == small == 2
