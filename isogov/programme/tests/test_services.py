import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import pdf
from isogov.programme import services, services_activity, services_budget
from isogov.programme.models import BudgetCategory, BudgetLine, Disbursement, Plan, PlanStatus
from isogov.programme.tests.helpers import build_plan

pytestmark = pytest.mark.django_db
D = dt.date


def test_plan_defaults_to_the_programme_lead_and_checks_its_period(province):
    plan = services.plan_create(actor=province.admin, title="Kế hoạch 2021–2025", start_year=2021, end_year=2025)
    assert plan.lead_unit == province.skhcn and plan.status == PlanStatus.DRAFT and plan.period == "2021–2025"
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=province.admin, title="", start_year=2025, end_year=2021)
    assert set(exc.value.message_dict) == {"title", "end_year"}
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=province.admin, title="x", start_year=2020, end_year=2020,
                             decision_file=pdf(content=b"GIF89a"))
    assert "not a PDF" in exc.value.message_dict["decision_file"][0]
    assert Plan.objects.count() == 1


def test_a_refused_decision_file_leaves_nothing_in_storage(province, media):
    with pytest.raises(ValidationError):
        services.plan_create(actor=province.admin, title="", start_year=2020, end_year=2020, decision_file=pdf())
    assert not media.exists() or not any(media.rglob("*.pdf"))
    plan = services.plan_create(actor=province.admin, title="x", start_year=2020, end_year=2020, decision_file=pdf())
    assert plan.decision_file.read() .startswith(b"%PDF-")


def test_totals_reconcile_and_approval_freezes_the_plan(province):
    f = build_plan(province, execute=False)
    plan = f.plan
    assert plan.status == PlanStatus.APPROVED
    with pytest.raises(ValidationError, match="frozen"):
        services.plan_update(plan=plan, actor=province.admin, title="Khác")
    with pytest.raises(ValidationError, match="frozen"):
        services.objective_create(plan=plan, actor=province.admin, title="Mới")
    with pytest.raises(ValidationError, match="frozen"):
        services_activity.activity_update(activity=f.activities[0], actor=province.admin, title="Khác")
    with pytest.raises(ValidationError, match="frozen"):
        services_budget.budget_line_create(activity=f.activities[0], actor=province.admin, description="x",
                                           estimate=1)
    with pytest.raises(ValidationError) as exc:
        services_budget.budget_line_update(line=f.lines[0], actor=province.admin, estimate=1)
    assert "estimate" in exc.value.message_dict
    # Execution moves on: allocation, commitment and progress.
    services_budget.budget_line_update(line=f.lines[2], actor=province.admin, allocated=30_000_000)
    services_activity.activity_report_progress(activity=f.activities[2], actor=province.admin,
                                               status="in_progress", progress=10)
    assert sum(BudgetLine.objects.values_list("estimate", flat=True)) == 104_500_000


def test_approval_needs_the_decision_and_an_activity(province):
    plan = services.plan_create(actor=province.admin, title="x", start_year=2020, end_year=2020)
    with pytest.raises(ValidationError) as exc:
        services.plan_approve(plan=plan, actor=province.admin)
    assert len(exc.value.messages) == 2
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_activity_dates_lie_within_the_period_and_numbers_are_unique(province):
    plan = services.plan_create(actor=province.admin, title="x", start_year=2020, end_year=2020)
    with pytest.raises(ValidationError) as exc:
        services_activity.activity_create(plan=plan, actor=province.admin, title="a", start_date=D(2020, 5, 1),
                                          end_date=D(2021, 1, 5))
    assert "period" in exc.value.message_dict["end_date"][0]
    with pytest.raises(ValidationError) as exc:
        services_activity.activity_create(plan=plan, actor=province.admin, title="a", start_date=D(2020, 5, 1),
                                          end_date=D(2020, 4, 1))
    assert "before the start" in exc.value.message_dict["end_date"][0]
    a = services_activity.activity_create(plan=plan, actor=province.admin, title="a", start_date=D(2020, 5, 1),
                                          end_date=D(2020, 6, 1), participants=[province.d842])
    assert a.number == 1
    with pytest.raises(ValidationError) as exc:
        services_activity.activity_create(plan=plan, actor=province.admin, title="b", number=1,
                                          start_date=D(2020, 5, 1), end_date=D(2020, 6, 1))
    assert "already used" in exc.value.message_dict["number"][0]


def test_progress_must_agree_with_the_status(province):
    f = build_plan(province, execute=False)
    a = f.activities[1]
    for status, progress, field in (("done", 80, "progress"), ("not_started", 10, "progress"),
                                    ("in_progress", 101, "progress"), ("bogus", 10, "status")):
        with pytest.raises(ValidationError) as exc:
            services_activity.activity_report_progress(activity=a, actor=province.admin, status=status,
                                                       progress=progress)
        assert field in exc.value.message_dict


def test_disbursing_more_than_allocated_is_refused_with_the_figures(plan2020, province):
    l2 = plan2020.lines[1]  # 40.000.000 allocated, 12.000.000 disbursed
    with pytest.raises(ValidationError) as exc:
        services_budget.budget_disburse(line=l2, actor=province.admin, amount=28_000_001, date=D(2020, 7, 1))
    message = exc.value.message_dict["amount"][0]
    assert "40.000.001" in message and "40.000.000" in message and "28.000.000" in message
    services_budget.budget_disburse(line=l2, actor=province.admin, amount=28_000_000, date=D(2020, 7, 1))
    assert services_budget.disbursed_total(l2) == 40_000_000
    with pytest.raises(ValidationError):
        services_budget.budget_disburse(line=l2, actor=province.admin, amount=1, date=D(2020, 7, 1))
    with pytest.raises(ValidationError) as exc:
        services_budget.budget_line_update(line=l2, actor=province.admin, allocated=39_000_000)
    assert "already been disbursed" in exc.value.message_dict["allocated"][0]


def test_disbursement_checks_amount_date_and_approval(plan2020, province):
    l3 = plan2020.lines[2]
    for amount, date, field in ((0, D(2020, 7, 1), "amount"), (-5, D(2020, 7, 1), "amount"),
                                (1.5, D(2020, 7, 1), "amount"), (1000, dt.date.today() + dt.timedelta(days=3), "date")):
        with pytest.raises(ValidationError) as exc:
            services_budget.budget_disburse(line=l3, actor=province.admin, amount=amount, date=date)
        assert field in exc.value.message_dict
    draft = build_plan(province, approve=False)
    with pytest.raises(ValidationError, match="approved plan"):
        services_budget.budget_disburse(line=draft.lines[0], actor=province.admin, amount=1000, date=D(2020, 3, 1))
    assert Disbursement.objects.count() == 3


def test_committed_cannot_exceed_allocated(province):
    f = build_plan(province, approve=False)
    with pytest.raises(ValidationError) as exc:
        services_budget.budget_line_create(activity=f.activities[0], actor=province.admin, description="x",
                                           estimate=10, allocated=5, committed=6, category=BudgetCategory.OTHER)
    assert "committed" in exc.value.message_dict


def test_every_write_is_audit_logged(province):
    before = AuditEvent.objects.count()
    build_plan(province)
    events = AuditEvent.objects.filter(object_type__startswith="programme.")
    kinds = set(events.values_list("object_type", flat=True))
    assert {"programme.plan", "programme.objective", "programme.activity", "programme.budgetline",
            "programme.disbursement"} <= kinds
    assert AuditEvent.objects.count() - before == events.count()
    disbursement = events.filter(object_type="programme.disbursement").order_by("at", "id").first()
    assert disbursement.changes["amount"] == 24_500_000 and disbursement.actor == province.admin


def test_deleting_planned_things_only_in_drafts(province):
    f = build_plan(province, approve=False)
    services_budget.budget_line_delete(line=f.lines[3], actor=province.admin)
    services.objective_delete(objective=f.objectives[1], actor=province.admin)
    services_activity.activity_delete(activity=f.activities[3], actor=province.admin)
    assert f.plan.activities.count() == 3 and f.plan.objectives.count() == 1
    g = build_plan(province)
    with pytest.raises(ValidationError):
        services_activity.activity_delete(activity=g.activities[0], actor=province.admin)
