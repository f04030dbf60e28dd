"""A small plan worked out by hand, shared by the tests (and by the browser test, as its hook).

Plan 2020, lead SKHCN, approved by 99/QĐ-UBND:
  (1) Hội nghị triển khai   01/02–31/03  SKHCN, STP, 842, 844   done 100%      L1 conference   24.500.000 / alloc 24.500.000, disbursed 24.500.000
  (2) Duy trì HTQLCL        01/01–31/12  842, 29242, 29245       in progress 40% L2 maintenance  40.000.000 / alloc 40.000.000, disbursed 12.000.000
  (3) Kiểm tra Càng Long    01/06–30/11  844, 29278              not started 0%  L3 inspection   30.000.000 / alloc 25.000.000, committed 20.000.000, nothing disbursed
  (4) Xây dựng kế hoạch     01/09–15/12  SKHCN                   cancelled 0%    L4 planning     10.000.000 / alloc 10.000.000, disbursed 4.000.000
Totals: estimate 104.500.000; allocated 99.500.000; committed 20.000.000; disbursed 40.500.000.
Progress: (100 + 40 + 0) / 3 = 46,67 → 47% (the cancelled activity is left out).
Ceiling of L2: 842 (district) 15.000.000 + two communes at 80% 2 × 12.000.000 = 39.000.000 < 40.000.000 → warning.
"""
import datetime as dt
from types import SimpleNamespace

from isogov.programme import services, services_activity, services_budget
from isogov.programme.models import ActivityStatus, BudgetCategory, Metric
from isogov.programme.tests.factories import ActivityFactory, BudgetLineFactory, ObjectiveFactory, PlanFactory

D = dt.date


def build_plan(p, *, approve: bool = True, execute: bool = True) -> SimpleNamespace:
    lead = p.admin
    plan = PlanFactory(province=p, title="Kế hoạch duy trì ISO 2020", start_year=2020, end_year=2020)
    o1 = ObjectiveFactory(plan=plan, actor=lead, title="Mọi cơ quan công bố và duy trì HTQLCL",
                          metric=Metric.ANNOUNCED, target_percent=100)
    o2 = ObjectiveFactory(plan=plan, actor=lead, title="Cấp huyện duy trì HTQLCL",
                          metric=Metric.MAINTAINING, tier=p.tiers["district"], target_percent=50)

    def act(title, start, end, who):
        return ActivityFactory(plan=plan, actor=lead, title=title, start_date=start, end_date=end,
                               lead_unit=p.skhcn, participants=who)

    a1 = act("Hội nghị triển khai", D(2020, 2, 1), D(2020, 3, 31), [p.skhcn, p.stp, p.d842, p.d844])
    a2 = act("Duy trì HTQLCL", D(2020, 1, 1), D(2020, 12, 31), [p.d842, p.c29242, p.c29245])
    a3 = act("Kiểm tra Càng Long", D(2020, 6, 1), D(2020, 11, 30), [p.d844, p.c29278])
    a4 = act("Xây dựng kế hoạch", D(2020, 9, 1), D(2020, 12, 15), [p.skhcn])

    def line(activity, description, category, estimate, allocated, committed=0):
        return BudgetLineFactory(activity=activity, actor=lead, description=description, category=category,
                                 estimate=estimate, allocated=allocated, committed=committed)

    l1 = line(a1, "Tổ chức hội nghị", BudgetCategory.CONFERENCE, 24_500_000, 24_500_000)
    l2 = line(a2, "Hỗ trợ duy trì HTQLCL", BudgetCategory.MAINTENANCE, 40_000_000, 40_000_000)
    l3 = line(a3, "Kiểm tra tại đơn vị", BudgetCategory.INSPECTION, 30_000_000, 25_000_000, 20_000_000)
    l4 = line(a4, "Hội thảo góp ý", BudgetCategory.PLANNING, 10_000_000, 10_000_000)
    if approve:
        plan = services.plan_update(plan=plan, actor=lead, decision_number="99/QĐ-UBND",
                                    decision_date=D(2020, 1, 15), signer="Nguyễn Văn A")
        services.plan_approve(plan=plan, actor=lead)
    if approve and execute:
        services_budget.budget_disburse(line=l1, actor=lead, amount=24_500_000, date=D(2020, 3, 20), note="Hội nghị")
        services_budget.budget_disburse(line=l2, actor=lead, amount=12_000_000, date=D(2020, 6, 10), note="Đợt 1")
        services_budget.budget_disburse(line=l4, actor=lead, amount=4_000_000, date=D(2020, 9, 20), note="Khảo sát")
        for a, status, progress in ((a1, ActivityStatus.DONE, 100), (a2, ActivityStatus.IN_PROGRESS, 40),
                                    (a4, ActivityStatus.CANCELLED, 0)):
            services_activity.activity_report_progress(activity=a, actor=lead, status=status, progress=progress)
    plan.refresh_from_db()
    return SimpleNamespace(plan=plan, objectives=[o1, o2], activities=[a1, a2, a3, a4], lines=[l1, l2, l3, l4])
