import random

import pytest

from isogov.audit.models import AuditEvent
from isogov.programme import demo
from isogov.programme.models import Activity, BudgetLine, Plan, PlanStatus
from isogov.programme.selectors import plan_for
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_loads_the_seed_plan_once(province):
    Agency.objects.filter(code__in=["SKHCN", "STP", "842"]).update(qms_state=QmsState.MAINTAINING)
    counts = demo.load_demo(actor=province.admin, rng=random.Random(2019))
    assert counts["plans"] == 2 and counts["activities"] == 5 and counts["budget_lines"] == 8
    plan = Plan.objects.get(decision_number="2248/QĐ-UBND")
    assert plan.status == PlanStatus.APPROVED and plan.lead_unit.code == "SKHCN" and plan.period == "2020"
    assert plan.signer.startswith("Nguyễn Trung Hoàng") and plan.decision_date.isoformat() == "2019-10-29"
    assert plan_for(user=province.viewer, pk=plan.pk).total_estimate == 314_420_000
    assert sum(BudgetLine.objects.filter(activity__plan=plan).values_list("estimate", flat=True)) == 314_420_000
    assert plan_for(user=province.viewer, pk=plan.pk).total_disbursed > 0
    assert plan.objectives.count() == 4
    assert list(plan.activities.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert plan.activities.get(number=1).participants.count() == Agency.objects.count()
    draft = Plan.objects.get(previous=plan)
    assert draft.status == PlanStatus.DRAFT and draft.period == "2021–2025"
    # Maintaining the QMS and the inspections lag behind and are carried; the rest is done.
    assert set(draft.activities.values_list("title", flat=True)) == {
        "Duy trì, áp dụng và cải tiến HTQLCL tại các cơ quan, đơn vị", "Kiểm tra, giám sát tại 30 cơ quan, đơn vị"}
    assert AuditEvent.objects.filter(object_type="programme.disbursement").exists()
    again = demo.load_demo(actor=province.admin, rng=random.Random(2019))
    assert sum(again.values()) == 0 and Activity.objects.count() == 7


def test_demo_does_nothing_without_a_programme_lead(db):
    assert sum(demo.load_demo(actor=None, rng=random.Random(1)).values()) == 0
    assert not Plan.objects.exists()
