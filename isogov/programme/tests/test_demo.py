import datetime as dt
import random

import pytest
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.demo.provinces import TODAY
from isogov.programme import demo
from isogov.programme.models import Activity, ActivityStatus, BudgetLine, Plan, PlanStatus
from isogov.programme.selectors import plan_for
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_tells_three_plans_once(province):
    Agency.objects.filter(code__in=["SKHCN", "STP", "842"]).update(qms_state=QmsState.MAINTAINING)
    counts = demo.load_demo(actor=province.admin, rng=random.Random(2019))
    # 5 + 4 + 6 activities written, 8 + 4 + 7 budget lines (the carried ones are the rollover's).
    assert counts["plans"] == 3 and counts["activities"] == 15 and counts["budget_lines"] == 19
    plan = Plan.objects.get(decision_number="2248/QĐ-UBND")
    assert plan.status == PlanStatus.APPROVED and plan.lead_unit.code == "SKHCN" and plan.period == "2020"
    assert plan.signer.startswith("Nguyễn Trung Hoàng") and plan.decision_date.isoformat() == "2019-10-29"
    shown = plan_for(user=province.viewer, pk=plan.pk)
    assert shown.total_estimate == 314_420_000
    assert sum(BudgetLine.objects.filter(activity__plan=plan).values_list("estimate", flat=True)) == 314_420_000
    # Closed: every activity done, everything allocated paid out.
    assert shown.total_disbursed == 314_420_000
    assert set(plan.activities.values_list("status", flat=True)) == {ActivityStatus.DONE}
    assert plan.objectives.count() == 4
    assert list(plan.activities.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert plan.activities.get(number=1).participants.count() == Agency.objects.count()
    five = Plan.objects.get(previous=plan)
    assert five.status == PlanStatus.APPROVED and five.period == "2021–2025"
    # Maintaining the QMS and the inspections were under way when activity (5) drafted it: they were carried.
    carried = five.activities.exclude(carried_from=None)
    assert set(carried.values_list("title", flat=True)) == {
        "Duy trì, áp dụng và cải tiến HTQLCL tại các cơ quan, đơn vị", "Kiểm tra, giám sát tại 30 cơ quan, đơn vị"}
    assert five.activities.count() == 6 and set(five.activities.values_list("status", flat=True)) == {"done"}
    today = Plan.objects.get(previous=five)
    assert today.period == "2026" and today.status == PlanStatus.APPROVED
    assert today.activities.count() == 6 and not today.activities.exclude(carried_from=None).exists()
    # 18 + 108 + 26 + 150 + 63 + 5 + 10 million đồng; on 02/12/2026 part of it is still to be paid.
    current = plan_for(user=province.viewer, pk=today.pk)
    assert current.total_estimate == 380_000_000 and 0 < current.total_disbursed < 380_000_000
    assert today.activities.get(number=6).status == ActivityStatus.NOT_STARTED  # the 2027 plan, still ahead
    stamps = AuditEvent.objects.filter(object_type__startswith="programme.").values_list("at", flat=True)
    days = {timezone.localtime(s).date() for s in stamps}
    assert min(days) == dt.date(2019, 10, 29) and max(days) <= TODAY
    again = demo.load_demo(actor=province.admin, rng=random.Random(2019))
    assert sum(again.values()) == 0 and Activity.objects.count() == 17


def test_demo_does_nothing_without_a_programme_lead(db):
    assert sum(demo.load_demo(actor=None, rng=random.Random(1)).values()) == 0
    assert not Plan.objects.exists()
