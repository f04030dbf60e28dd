"""This year's inspections: one approved plan (a plan per year, the lead's), in every province a third of the
mandatory agencies inspected on site (Circular 26/2014/TT-BKHCN, art. 33: rules.onsite_minimum), the others
checked on their records and reports. Visits already held have their 13 answers, findings where a
point failed, and a record; the later ones are scheduled."""
import datetime as dt

from django.conf import settings

from isogov.generate.base import Context
from isogov.inspections import checklist
from isogov.inspections.models import (
    Answer,
    Finding,
    Grade,
    Inspection,
    InspectionPlan,
    PlanStatus,
    RecordsCheck,
    RecordsResult,
    Result,
)
from isogov.inspections.rules import onsite_minimum

RESULTS = [(Result.CONFORM, 80), (Result.PARTIAL, 12), (Result.NONCONFORM, 5), (Result.NOT_APPLICABLE, 3)]


def inspections(ctx: Context, provinces, agencies_of: dict[int, list]) -> None:
    rng, year = ctx.rng, ctx.today.year
    start = dt.date(year, 3, 1)
    plan = InspectionPlan(
        year=year, inspecting_unit=settings.ISOGOV["INSPECTING_UNIT"], period_start=start,
        period_end=dt.date(year, 11, 30), form="Kiểm tra trực tiếp và kiểm tra qua hồ sơ, báo cáo",
        onsite_target=settings.ISOGOV["INSPECTION_ONSITE_DEFAULT"], leader=ctx.lead_user,
        status=PlanStatus.APPROVED, decision_number=f"12/QĐ-SKHCN-{year}", decision_date=start - dt.timedelta(20),
        created_by=ctx.lead_user)
    ctx.save(InspectionPlan, [plan], trail_of=lambda p: (None, ctx.lead_user, p.decision_date))
    visits, checks = [], []
    for province in provinces:
        mandatory = [a for a in agencies_of[province.pk] if a.mandatory]
        n = min(len(mandatory), onsite_minimum(len(mandatory)))
        onsite = set(rng.sample(range(len(mandatory)), n))
        for i, agency in enumerate(mandatory):
            day = min(plan.period_end, start + dt.timedelta(days=rng.randint(0, 270)))
            if i in onsite:
                held = day < ctx.today
                visits.append(Inspection(
                    plan=plan, agency=agency, decision_number=f"{len(visits) + 1}/QĐ-KT", decision_date=start,
                    scheduled_on=day, leader=ctx.lead_user, record_date=day if held else None,
                    conclusions="Hệ thống được duy trì, cải tiến theo quy định." if held else "",
                    created_by=ctx.lead_user))
            else:
                day = min(day, ctx.today - dt.timedelta(days=1))
                result = rng.choices(list(RecordsResult), weights=(70, 20, 10))[0]
                passed = [] if result == RecordsResult.NOT_REPORTED else [
                    p.code for p in checklist.records_points() if rng.random() < 0.85]
                checks.append(RecordsCheck(plan=plan, agency=agency, checked_on=day, passed=passed, result=result))
    ctx.save(Inspection, visits, trail_of=lambda v: (v.agency_id, ctx.lead_user, v.decision_date))
    ctx.save(RecordsCheck, checks, trail_of=lambda c: (c.agency_id, ctx.lead_user, c.checked_on))
    answers, findings = [], []
    results, weights = zip(*RESULTS, strict=True)
    points = checklist.points()
    for visit in visits:
        if visit.record_date is None:
            continue
        for point in points:
            result = rng.choices(results, weights=weights)[0]
            answers.append(Answer(inspection=visit, point=point.code, result=result,
                                  evidence="Hồ sơ, sổ theo dõi tại bộ phận một cửa"))
            if result in (Result.PARTIAL, Result.NONCONFORM):
                findings.append(Finding(inspection=visit, point=point.code,
                                        grade=Grade.MINOR if result == Result.PARTIAL else Grade.MAJOR,
                                        description=f"Điểm {point.code}: chưa đầy đủ hồ sơ chứng minh"))
    ctx.save(Answer, answers)
    ctx.save(Finding, findings, trail_of=lambda f: (f.inspection.agency_id, ctx.lead_user, f.inspection.record_date))
