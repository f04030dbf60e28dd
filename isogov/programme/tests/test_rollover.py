"""Drafting the next plan, on the hand-worked plan of helpers.py."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.programme.models import Activity, BudgetLine, Disbursement, Objective, Plan, PlanStatus
from isogov.programme.rollover import plan_draft_next

pytestmark = pytest.mark.django_db


def snapshot(plan):
    return (
        list(Plan.objects.filter(pk=plan.pk).values()),
        list(Activity.objects.filter(plan=plan).order_by("pk").values()),
        list(BudgetLine.objects.filter(activity__plan=plan).order_by("pk").values()),
        list(Objective.objects.filter(plan=plan).order_by("pk").values()),
        Disbursement.objects.count(),
    )


def test_carries_unfinished_activities_all_objectives_and_proposes_lines(plan2020, province):
    old = plan2020.plan
    before = snapshot(old)
    new = plan_draft_next(plan=old, actor=province.admin, start_year=2021, end_year=2025, title="Kế hoạch 2021–2025")

    assert new.status == PlanStatus.DRAFT and new.previous == old and new.period == "2021–2025"
    assert new.lead_unit == old.lead_unit and not new.decision_number
    # Both objectives, targets copied (100% and 50%, district tier kept).
    assert list(new.objectives.values_list("title", "target_percent", "tier__code", "metric")) == [
        ("Mọi cơ quan công bố và duy trì HTQLCL", 100, None, "announced"),
        ("Cấp huyện duy trì HTQLCL", 50, "district", "maintaining"),
    ]
    # (1) is done and (4) cancelled: not carried. (2) in progress and (3) not started are, renumbered 1 and 2.
    carried = list(new.activities.order_by("number"))
    assert [(a.number, a.title, a.carried_from_id) for a in carried] == [
        (1, "Duy trì HTQLCL", plan2020.activities[1].pk), (2, "Kiểm tra Càng Long", plan2020.activities[2].pk)]
    assert all(a.status == "not_started" and a.progress == 0 for a in carried)
    assert carried[0].start_date == dt.date(2021, 1, 1) and carried[0].end_date == dt.date(2021, 12, 31)
    assert carried[1].end_date == dt.date(2021, 11, 30)
    assert sorted(carried[0].participants.values_list("code", flat=True)) == ["29242", "29245", "842"]
    # L2 had 12.000.000 disbursed → proposed 12.000.000; L3 had nothing disbursed → its 25.000.000 allocated.
    lines = list(BudgetLine.objects.filter(activity__plan=new).order_by("activity__number"))
    assert [(line.description, line.estimate, line.allocated, line.committed) for line in lines] == [
        ("Hỗ trợ duy trì HTQLCL", 12_000_000, 0, 0), ("Kiểm tra tại đơn vị", 25_000_000, 0, 0)]
    assert "disbursed 12.000.000" in lines[0].note
    assert "allocated 25.000.000" in lines[1].note and "nothing disbursed" in lines[1].note
    assert lines[0].category == "maintenance" and lines[0].carried_from == plan2020.lines[1]
    # The old plan is untouched.
    assert snapshot(old) == before
    # The new plan's rows are in the audit trail: 1 plan + 2 objectives + 2 activities + 2 lines.
    created = AuditEvent.objects.filter(changes__isnull=False, action="create").order_by("-id")[:7]
    assert {e.object_type for e in created} == {"programme.plan", "programme.objective", "programme.activity",
                                                "programme.budgetline"}


def test_the_new_draft_is_editable_and_the_period_must_follow(plan2020, province):
    with pytest.raises(ValidationError) as exc:
        plan_draft_next(plan=plan2020.plan, actor=province.admin, start_year=2020, end_year=2022)
    assert "start_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        plan_draft_next(plan=plan2020.plan, actor=province.admin, start_year=2022, end_year=2021)
    assert "end_year" in exc.value.message_dict
    assert Plan.objects.count() == 1
    new = plan_draft_next(plan=plan2020.plan, actor=province.admin, start_year=2021, end_year=2021)
    from isogov.programme.services import objective_create
    objective_create(plan=new, actor=province.admin, title="Mục tiêu mới")
    assert new.objectives.count() == 3
