"""The demo year's inspection (activity 4): the plan of the year the story reaches, its proposal of 30 as the lead
accepted it, approved in March; two thirds of the on-site inspections held and recorded by the autumn, with
their checklists, findings (each opening a nonconformity in the agency's register) and records; the other
mandatory agencies checked on their records.
"""
import datetime as dt
import random

from django.conf import settings
from django.contrib.auth import get_user_model

from isogov.demo.history import HistoricClock
from isogov.inspections import checklist, selectors, services
from isogov.inspections.models import Grade, InspectionPlan, RecordsResult, Result
from isogov.programme.models import BudgetLine, PlanStatus
from isogov.training.demo import anchor_date

FINDINGS = {
    "1": "Phạm vi áp dụng chưa bao gồm {n} thủ tục hành chính mới được công bố trong năm",
    "2": "Một số công chức một cửa chưa nắm được quy trình giải quyết thủ tục hành chính",
    "5": "Chưa tổ chức đánh giá nội bộ trong 12 tháng gần nhất",
    "10": "Quyết định công bố chưa được đăng tải trên trang thông tin điện tử của cơ quan",
    "11": "Chưa cập nhật {n} văn bản quy phạm pháp luật mới vào quy trình",
    "12": "Chưa công bố lại sau khi điều chỉnh phạm vi áp dụng",
}


def _inspector():
    return get_user_model().objects.filter(username="inspector").first()


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    counts = {"plans": 0, "inspections": 0, "findings": 0, "records_checks": 0}
    inspector = _inspector()
    if InspectionPlan.objects.exists() or inspector is None:
        return counts
    year = anchor_date().year
    clock = HistoricClock(rng, dt.date(year, 2, 20))
    line = (BudgetLine.objects.filter(activity__plan__status=PlanStatus.APPROVED, activity__number=4,
                                      activity__plan__start_year__lte=year, activity__plan__end_year__gte=year)
            .order_by("id").first())
    with clock.running():
        services.profile_set(actor=actor, user=inspector, degree="Kỹ sư Hóa học",
                             state_management_certificate="Chuyên viên chính",
                             auditor_certificate="Chuyên gia đánh giá HTQLCL TCVN ISO 9001:2015",
                             working_since=dt.date(year - 12, 9, 1))
        plan = services.plan_create(
            actor=actor, year=year, inspecting_unit=settings.ISOGOV["INSPECTING_UNIT"],
            period_start=dt.date(year, 4, 1), period_end=dt.date(year, 11, 30),
            onsite_target=settings.ISOGOV["INSPECTION_ONSITE_DEFAULT"], budget=line.estimate if line else 0,
            budget_line=line, leader=inspector, team=[inspector, actor] if getattr(actor, "pk", None) else [inspector])
        proposal = selectors.proposed(plan, today=dt.date(year, 3, 1))
        services.plan_set_onsite(actor=actor, plan=plan, agencies=[c.agency for c in proposal])
        tally = selectors.onsite_counts(plan)
        clock.at(dt.date(year, 3, 16))
        services.plan_approve(actor=actor, plan=plan, decision_number="512/QĐ-UBND", decision_date=dt.date(year, 3, 16),
                              mandatory=tally["mandatory"], onsite_mandatory=tally["onsite_mandatory"])
        counts["plans"] = 1
        inspections = list(plan.inspections.select_related("agency").order_by("agency__path"))
        held = inspections[: len(inspections) * 2 // 3]
        for n, inspection in enumerate(held):
            day = dt.date(year, 5, 4) + dt.timedelta(days=5 * n)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            clock.at(day - dt.timedelta(days=14))
            services.inspection_update(actor=inspector, inspection=inspection,
                                       decision_number=f"{40 + n}/QĐ-CCTĐC", decision_date=day - dt.timedelta(days=14),
                                       scheduled_on=day)
            clock.at(day)
            wrong = rng.sample(list(FINDINGS), k=rng.choice((0, 0, 1, 1, 2)))
            services.answers_set(actor=inspector, inspection=inspection, answers={
                p.code: (Result.NONCONFORM if p.code in wrong else rng.choice((Result.CONFORM, Result.CONFORM,
                                                                                Result.PARTIAL)),
                         "Kiểm tra hồ sơ và phỏng vấn thư ký ISO") for p in checklist.points()})
            for code in wrong:
                services.finding_add(actor=inspector, inspection=inspection, point=code,
                                     grade=rng.choice((Grade.MINOR, Grade.MINOR, Grade.MAJOR)),
                                     description=FINDINGS[code].format(n=rng.randint(2, 6)))
                counts["findings"] += 1
            services.inspection_update(
                actor=inspector, inspection=inspection,
                conclusions="Cơ quan duy trì HTQLCL phù hợp." if not wrong else
                "Cơ quan duy trì HTQLCL, còn một số điểm chưa phù hợp nêu tại biên bản.",
                recommendations="Tiếp tục duy trì, cải tiến." if not wrong else
                "Khắc phục các điểm chưa phù hợp và báo cáo kết quả trong 02 tháng.")
            services.inspection_record(actor=inspector, inspection=inspection, record_date=day)
            counts["inspections"] += 1
        for n, row in enumerate(selectors.records_rows(plan)):
            if rng.random() < 0.8:
                clock.at(dt.date(year, 9, 1) + dt.timedelta(days=n // 10))
                passed = [p.code for p in checklist.records_points() if rng.random() < 0.85]
                result = (RecordsResult.SATISFACTORY if len(passed) == len(checklist.records_points())
                          else RecordsResult.TO_IMPROVE)
                services.records_check_set(actor=inspector, plan=plan, agency=row["agency"],
                                           checked_on=dt.date(year, 9, 1) + dt.timedelta(days=n // 10),
                                           passed=passed, result=result)
                counts["records_checks"] += 1
    return counts
