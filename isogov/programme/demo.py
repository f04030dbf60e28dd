"""Demo programme: three plans, one after the other, each dated where it belongs in the story.

- The seed's plan (decision 2248/QĐ-UBND of 29/10/2019, 314.420.000 đ for 2020), carried out in 2020 and
  closed on 31/12/2020 with its results: every activity finished, its notes say what was done.
- The 2021–2025 plan, drafted from it in December 2020 by activity (5) ("Draft the next plan" carries the
  maintenance and the three inspections left over), approved in January 2021 and carried out.
- Vĩnh Long's plan for 2026, drafted from the 2021–2025 plan after the reorganisation: under way today
  (provinces.TODAY), with its annual report and the 2027 plan still ahead.

Everything goes through the services under a HistoricClock, so the audit trail holds what a user would
have left on the day. Numbers of the later plans' decisions are illustrative (data/README.md).
"""
import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.demo.history import HistoricClock
from isogov.demo.pdf import one_page_pdf
from isogov.demo.provinces import TODAY
from isogov.programme import rollover, services, services_activity, services_budget
from isogov.programme.demo_plans import (
    ACTIVITIES,
    ACTIVITIES_2021,
    ACTIVITIES_2026,
    DECISION,
    NEXT,
    PLAN_2026,
    SUMMARY,
    TITLE,
    TOTAL,
    Spec,
    objectives,
)
from isogov.programme.models import ActivityStatus, Plan
from isogov.qms.models import Announcement
from isogov.registry.models import Agency, AgencyStatus, Tier

__all__ = ["DECISION", "TOTAL", "load_demo"]
CLOSED_ON = dt.date(2020, 12, 31)


def _pdf(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, one_page_pdf(lines), content_type="application/pdf")


def _state_on(day: dt.date, start: dt.date, end: dt.date, final: tuple[str, int]) -> tuple[str, int]:
    if day < start:
        return ActivityStatus.NOT_STARTED, 0
    if day > end:
        return final
    elapsed = (day - start).days / max((end - start).days, 1)
    progress = min(final[1], max(5, 5 * round(20 * elapsed)))
    return (ActivityStatus.DONE, 100) if progress == 100 and final[0] == ActivityStatus.DONE else (
        ActivityStatus.IN_PROGRESS, min(progress, 95))


class _Story:
    def __init__(self, *, actor, rng: random.Random):
        self.actor, self.rng = actor, rng
        self.clock = HistoricClock(rng, dt.date(2019, 10, 29))
        self.counts = {"plans": 0, "objectives": 0, "activities": 0, "budget_lines": 0, "disbursements": 0}
        agencies = list(Agency.objects.select_related("tier").order_by("path"))
        self.by_code = {a.code: a for a in agencies}
        self.lead = next(a for a in agencies if a.is_programme_lead)
        # Who took part: the agencies of the day (Trà Vinh's 169 before the reorganisation, Vĩnh Long's since).
        self.before = [a for a in agencies if a.active_from is None]
        self.today = [a for a in agencies if a.status == AgencyStatus.ACTIVE]
        self.paid_until: dict[int, dt.date] = {}
        self.reported: dict[int, tuple[str, int]] = {}

    def on(self, day: dt.date) -> None:
        self.clock.at(day)

    def activities(self, plan: Plan, specs: list[Spec], agencies: list[Agency]) -> list:
        # Inspections favour agencies with a QMS to inspect.
        candidates = [a for a in agencies if a.qms_state not in ("not_started", "building")] or agencies
        groups = {"all": agencies, "inspected": self.rng.sample(candidates, min(30, len(candidates))),
                  "lead": [a for a in agencies if a.code.startswith(self.lead.code)]}
        made = []
        for spec in specs:
            activity = services_activity.activity_create(
                plan=plan, actor=self.actor, number=spec.number, title=spec.title, start_date=spec.start,
                end_date=spec.end, lead_unit=self.by_code.get(spec.lead, self.lead), participants=groups[spec.who],
                deliverables=spec.deliverables)
            self.counts["activities"] += 1
            for description, category, amount in spec.lines:
                services_budget.budget_line_create(activity=activity, actor=self.actor, description=description,
                                                   category=category, estimate=amount, allocated=amount)
                self.counts["budget_lines"] += 1
            made.append((activity, spec))
        return made

    def approve(self, plan: Plan, day: dt.date) -> None:
        self.on(day)
        services.plan_approve(plan=plan, actor=self.actor)

    def carry_out(self, made: list, until: dt.date, results: dict[int, str] | None = None) -> None:
        """Contracts, payments and progress of each activity as they stood on `until`, in date order."""
        steps = []
        for activity, spec in made:
            status, progress = _state_on(until, spec.start, spec.end, spec.final)
            if status == ActivityStatus.NOT_STARTED or self.reported.get(activity.pk) == (status, progress):
                continue
            steps.append((spec.start, 0, activity, spec, status, progress))
            steps.append((min(spec.end, until), 1, activity, spec, status, progress))
        for day, kind, activity, spec, status, progress in sorted(steps, key=lambda s: (s[0], s[1], s[2].number)):
            if kind == 0:  # contracts are signed once the activity starts
                lines = [line for line in activity.budget_lines.all() if line.committed != line.allocated]
                if lines:
                    self.on(day)
                for line in lines:
                    services_budget.budget_line_update(line=line, actor=self.actor, committed=line.allocated)
                continue
            share = 1.0 if status == ActivityStatus.DONE else progress / 100
            start = self.paid_until.get(activity.pk, spec.start)
            self.on(day)  # payments are entered with the progress report, never ahead of the clock
            for line in activity.budget_lines.all():
                self.counts["disbursements"] += self._disburse(line, start=start, end=day, share=share)
            self.paid_until[activity.pk] = day + dt.timedelta(days=1)
            notes = (results or {}).get(activity.number) or (spec.result if status == ActivityStatus.DONE
                                                             else spec.ongoing)
            services_activity.activity_report_progress(activity=activity, actor=self.actor, status=status,
                                                       progress=progress, notes=notes)
            self.reported[activity.pk] = (status, progress)

    def _disburse(self, line, *, start: dt.date, end: dt.date, share: float) -> int:
        """Pay out `share` of the line in one to three instalments between `start` and `end`."""
        rng = self.rng
        paid = sum(line.disbursements.values_list("amount", flat=True))
        total = (int(line.allocated * share) // 1000 * 1000) - paid
        if end < start or total <= 0:
            return 0
        parts = rng.randint(1, 3) if total >= 3_000_000 else 1
        amounts = [total // parts // 1000 * 1000] * (parts - 1)
        amounts.append(total - sum(amounts))
        days = sorted(start + dt.timedelta(days=rng.randint(0, (end - start).days)) for _ in amounts)
        for amount, day in zip(amounts, days):
            services_budget.budget_disburse(line=line, actor=self.actor, amount=amount, date=day,
                                            note=f"Chứng từ chi số {rng.randint(10, 999)}/KHCN")
        return len(amounts)


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Plan.objects.filter(decision_number=DECISION).exists() or not Agency.objects.filter(
            is_programme_lead=True).exists():
        return {"plans": 0, "objectives": 0, "activities": 0, "budget_lines": 0, "disbursements": 0}
    story = _Story(actor=actor, rng=rng)
    with story.clock.running():
        plan_2020 = _plan_2020(story)
        plan_2021 = _plan_2021_2025(story, plan_2020)
        _plan_2026(story, plan_2021)
    return story.counts


def _draft_next(story: _Story, plan: Plan, made: list, *, drafting: dt.date, closing: dt.date, years: tuple,
                title: str, keep: tuple[int, ...], results: dict[int, str] | None = None) -> Plan:
    """The last activity drafts the next plan while some are still under way ("Draft the next plan" carries
    those in `keep`); then the plan closes: each activity's final report says what was done."""
    story.carry_out(made, drafting)
    story.on(drafting)
    draft = rollover.plan_draft_next(plan=plan, actor=story.actor, start_year=years[0], end_year=years[1],
                                     title=title)
    story.counts["plans"] += 1
    for carried in draft.activities.select_related("carried_from"):
        if carried.carried_from.number not in keep:
            services_activity.activity_delete(activity=carried, actor=story.actor)
    story.carry_out(made, closing, results)
    return draft


def _plan_2020(story: _Story) -> Plan:
    actor = story.actor
    plan = services.plan_create(
        actor=actor, title=TITLE, start_year=2020, end_year=2020, lead_unit=story.lead, summary=SUMMARY,
        decision_number=DECISION, decision_date=dt.date(2019, 10, 29),
        signer="Nguyễn Trung Hoàng, Phó Chủ tịch UBND tỉnh",
        decision_file=_pdf("2248-QD-UBND.pdf", ["UY BAN NHAN DAN TINH TRA VINH", f"Quyet dinh so {DECISION}",
                                                "ngay 29/10/2019"]))
    story.counts["plans"] += 1
    for number, (title, metric, tier) in enumerate(objectives(), start=1):
        services.objective_create(plan=plan, actor=actor, number=number, title=title, metric=metric,
                                  tier=Tier.objects.filter(code=tier).first() if tier else None, target_percent=100)
        story.counts["objectives"] += 1
    made = story.activities(plan, ACTIVITIES, story.before)
    story.approve(plan, dt.date(2019, 10, 29))
    story.carry_out(made, dt.date(2020, 3, 20))
    story.on(dt.date(2020, 3, 20))
    services_activity.evidence_add(activity=plan.activities.get(number=1), actor=actor, upload=_pdf(
        "bien-ban-hoi-nghi-trien-khai.pdf", ["BIEN BAN HOI NGHI TRIEN KHAI KE HOACH NAM 2020",
                                             "So Khoa hoc va Cong nghe tinh Tra Vinh"]),
        note="Biên bản Hội nghị triển khai")
    announced = Announcement.objects.filter(decision_date__lte=CLOSED_ON).values("agency").distinct().count()
    story.draft = _draft_next(
        story, plan, made, drafting=dt.date(2020, 12, 10), closing=CLOSED_ON, years=(2021, 2025),
        title=NEXT.title, keep=(3, 4), results={3: (
            f"Kết quả đến 31/12/2020: {announced}/{len(story.before)} cơ quan, đơn vị đã công bố HTQLCL phù hợp "
            "TCVN ISO 9001:2015; các đơn vị còn lại tiếp tục trong Kế hoạch giai đoạn 2021–2025.")})
    return plan


def _plan_2021_2025(story: _Story, previous: Plan) -> Plan:
    actor, plan = story.actor, story.draft
    story.on(dt.date(2021, 1, 5))
    for carried in plan.activities.select_related("carried_from").order_by("number"):
        # The maintenance runs through the five years; the inspections left over are made in 2021.
        services_activity.activity_update(activity=carried, actor=actor,
                                          end_date=NEXT.carried[carried.carried_from.number].end)
        for line in carried.budget_lines.all():
            services_budget.budget_line_update(line=line, actor=actor, allocated=line.estimate)
    made = [(a, NEXT.carried[a.carried_from.number]) for a in plan.activities.select_related("carried_from")]
    made += story.activities(plan, ACTIVITIES_2021, story.before)
    story.on(NEXT.decision_date)
    services.plan_update(plan=plan, actor=actor, decision_number=NEXT.decision, decision_date=NEXT.decision_date,
                         signer=NEXT.signer, summary=NEXT.summary)
    story.approve(plan, NEXT.decision_date)
    story.draft = _draft_next(story, plan, made, drafting=dt.date(2025, 12, 10), closing=dt.date(2025, 12, 31),
                              years=(2026, 2026), title=PLAN_2026.title, keep=())
    return plan


def _plan_2026(story: _Story, previous: Plan) -> Plan:
    actor, plan = story.actor, story.draft
    story.on(dt.date(2026, 1, 5))
    # No district level since 01/07/2025: its objective goes; the first one counts Vĩnh Long's agencies.
    for objective in plan.objectives.select_related("tier"):
        if objective.tier and objective.tier.code == "district":
            services.objective_delete(objective=objective, actor=actor)
        elif objective.number == 1:
            services.objective_update(objective=objective, actor=actor, title=PLAN_2026.first_objective % {
                "n": len(story.today)})
    story.counts["objectives"] += plan.objectives.count()
    made = story.activities(plan, ACTIVITIES_2026, story.today)
    story.on(PLAN_2026.decision_date)
    services.plan_update(plan=plan, actor=actor, decision_number=PLAN_2026.decision,
                         decision_date=PLAN_2026.decision_date, signer=PLAN_2026.signer, summary=PLAN_2026.summary)
    story.approve(plan, PLAN_2026.decision_date)
    story.carry_out(made, dt.date(2026, 3, 31))
    story.on(dt.date(2026, 3, 31))
    services_activity.evidence_add(activity=plan.activities.get(number=1), actor=actor, upload=_pdf(
        "bien-ban-hoi-nghi-trien-khai-2026.pdf", ["BIEN BAN HOI NGHI TRIEN KHAI KE HOACH NAM 2026",
                                                  "So Khoa hoc va Cong nghe tinh Vinh Long"]),
        note="Biên bản Hội nghị triển khai")
    story.carry_out(made, TODAY)
    return plan
