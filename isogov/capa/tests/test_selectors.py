import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isogov.capa import action_services, selectors, services
from isogov.capa.models import CorrectiveAction, Nonconformity, Source, State
from isogov.capa.tests.helpers import awaiting, days, in_progress, open_nc, today
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_compliance_facts_counts(province):
    in_progress(province.d842, province.alice, due=days(-2))  # overdue
    in_progress(province.d842, province.alice, due=days(5))  # open, on time
    nc, _ = awaiting(province.d842, province.alice, due=days(-3))  # done late: not overdue any more
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok")
    old = open_nc(province.d842, province.alice)
    Nonconformity.objects.filter(pk=old.pk).update(state=State.CLOSED, closed_on=today() - dt.timedelta(days=400))
    cancelled, _ = in_progress(province.d844, province.bob, due=days(-9))
    services.nonconformity_cancel(nc=cancelled, actor=province.bob, reason="trùng")
    facts = selectors.compliance_facts(agencies=Agency.objects.all(), today=today())
    assert facts[province.d842.pk] == {"ca_open": 2, "ca_overdue": 1, "ca_closed_12m": 1}
    assert facts[province.d844.pk] == {"ca_open": 0, "ca_overdue": 0, "ca_closed_12m": 0}
    assert facts[province.stp.pk] == {"ca_open": 0, "ca_overdue": 0, "ca_closed_12m": 0}
    # Tomorrow the on-time action is still on time; in a week it is not.
    later = selectors.compliance_facts(agencies=Agency.objects.filter(pk=province.d842.pk), today=days(7))
    assert later == {province.d842.pk: {"ca_open": 2, "ca_overdue": 2, "ca_closed_12m": 1}}
    # The verdict's own query finds the same overdue nonconformities, by their agency.
    assert list(selectors.overdue_agency_ids(today=today()).values_list("agency_id", flat=True)) == [province.d842.pk]
    assert list(selectors.overdue_agency_ids(today=days(7)).values_list("agency_id", flat=True)) == [
        province.d842.pk] * 2


def _many_agencies(province, n):
    tier = province.tiers["commune"]
    Agency.objects.bulk_create([
        Agency(code=f"X{i}", name=f"Xã {i}", tier=tier, parent=province.d842, path=f"/842/X{i}/") for i in range(n)
    ])
    agencies = list(Agency.objects.filter(code__startswith="X"))
    ncs = Nonconformity.objects.bulk_create([
        Nonconformity(agency=a, number=1, source=Source.OTHER, description="d", detected_on=days(-40),
                      state=State.IN_PROGRESS) for a in agencies
    ])
    CorrectiveAction.objects.bulk_create([
        CorrectiveAction(nonconformity=nc, description="a", owner_name="A", due_date=days(-1)) for nc in ncs
    ])
    return Agency.objects.filter(code__startswith="X")


@pytest.mark.parametrize("n", [3, 300])
def test_compliance_facts_query_count_is_fixed(province, n):
    agencies = _many_agencies(province, n)
    with CaptureQueriesContext(connection) as ctx:
        facts = selectors.compliance_facts(agencies=agencies, today=today())
    assert len(ctx.captured_queries) == 2
    assert len(facts) == n and all(f == {"ca_open": 1, "ca_overdue": 1, "ca_closed_12m": 0} for f in facts.values())


def test_open_nonconformities_annotates_overdue(province):
    late, _ = in_progress(province.d842, province.alice, due=days(-1))
    fine, _ = in_progress(province.d842, province.alice, due=days(3))
    nc = open_nc(province.d842, province.alice)
    services.nonconformity_cancel(nc=nc, actor=province.alice, reason="x")
    rows = {n.pk: n.is_overdue for n in selectors.open_nonconformities(agency=province.d842, today=today())}
    assert rows == {late.pk: True, fine.pk: False}


def test_province_list_scope_and_filters(province):
    in_progress(province.d842, province.alice, due=days(-1))
    in_progress(province.c29242, province.alice, due=days(4))
    in_progress(province.d844, province.bob, due=days(4))
    def ncs(user, **data):
        return selectors.province_list(user=user, data=data, today=today()).qs

    assert ncs(province.viewer).count() == 3
    assert ncs(province.alice).count() == 2
    assert ncs(province.bob).count() == 1
    overdue = ncs(province.viewer, overdue=True)
    assert [n.agency.code for n in overdue] == ["842"] and overdue[0].is_overdue
    assert ncs(province.viewer, agency="cang long").count() == 1


def test_done_action_is_not_overdue(province):
    nc, action = in_progress(province.d842, province.alice, due=days(-5))
    assert selectors.agency_list(agency=province.d842, data={}, today=today()).qs.get().is_overdue
    action_services.action_complete(action=action, actor=province.alice, done_on=days(0), evidence="biên bản")
    assert not selectors.agency_list(agency=province.d842, data={}, today=today()).qs.get().is_overdue


def test_year_before_handles_leap_day():
    assert selectors.year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert selectors.year_before(dt.date(2026, 11, 25)) == dt.date(2025, 11, 25)
