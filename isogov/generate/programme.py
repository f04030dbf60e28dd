"""What the province runs for all its agencies: the year's programme plan with its activities and budget,
training courses, sessions and trainees, and events with their attendees."""
import datetime as dt

from isogov.core.text import fold
from isogov.events.models import Attendee, Event, EventKind
from isogov.generate.base import Context
from isogov.programme.models import (
    Activity,
    ActivityStatus,
    BudgetCategory,
    BudgetLine,
    Disbursement,
    Metric,
    Plan,
    PlanStatus,
)
from isogov.programme.models import Objective as PlanObjective
from isogov.training.models import Course, Session, Topic, Trainee

ACTIVITIES = 12


def plan(ctx: Context, lead) -> None:
    """One approved plan per year, with an objective per measured metric and twelve budgeted activities."""
    rng = ctx.rng
    for year in ctx.years:
        decided = min(ctx.today, dt.date(year, 1, 15))
        p = ctx.save(Plan, [Plan(title=f"Kế hoạch duy trì ISO 9001 năm {year}", start_year=year, end_year=year,
                                 lead_unit=lead, status=PlanStatus.APPROVED, decision_number=f"12/QĐ-UBND-{year}",
                                 decision_date=decided, signer="Chủ tịch", approved_at=ctx.moment(decided),
                                 approved_by=ctx.lead_user)],
                     trail_of=lambda x, day=decided: (lead.pk, ctx.lead_user, day))[0]
        metrics = [m for m in Metric.values if m]
        ctx.save(PlanObjective, [PlanObjective(plan=p, number=i, title=f"Mục tiêu {i}", metric=m, target_percent=90)
                                 for i, m in enumerate(metrics, start=1)])
        activities = []
        for i in range(1, ACTIVITIES + 1):
            start = dt.date(year, min(12, i), 1)
            status = ActivityStatus.DONE if start < ctx.today - dt.timedelta(days=60) else (
                ActivityStatus.IN_PROGRESS if start < ctx.today else ActivityStatus.NOT_STARTED)
            activities.append(Activity(plan=p, number=i, title=f"Hoạt động {i}", lead_unit=lead, start_date=start,
                                       end_date=dt.date(year, 12, 31), status=status,
                                       progress=100 if status == ActivityStatus.DONE else rng.randint(0, 80)))
        ctx.save(Activity, activities, trail_of=lambda x, day=decided: (lead.pk, ctx.lead_user, day))
        lines = [BudgetLine(activity=act, description=f"Kinh phí {act.title}",
                            category=rng.choice(BudgetCategory.values), estimate=rng.randint(20, 400) * 1_000_000)
                 for act in activities]
        for line in lines:
            line.allocated = line.estimate
            line.committed = line.estimate * rng.randint(0, 10) // 10
        ctx.save(BudgetLine, lines, trail_of=lambda x, day=decided: (lead.pk, ctx.lead_user, day))
        ctx.save(Disbursement, [Disbursement(line=line, amount=line.committed, recorded_by=ctx.lead_user,
                                             date=max(decided, line.activity.start_date))
                                for line in lines if line.committed and line.activity.start_date <= ctx.today],
                 trail_of=lambda x: (lead.pk, ctx.lead_user, x.date))


def training(ctx: Context, provinces, agencies_of) -> None:
    """Each province's committee runs two courses a year, a session each; two people per agency attend one."""
    rng = ctx.rng
    courses, sessions = [], []
    for root in provinces:
        for year in ctx.years:
            for topic in (Topic.AWARENESS, Topic.INTERNAL_AUDIT):
                c = Course(title=f"{Topic(topic).label} {year} — {root.code}", topic=topic, organiser=root,
                           trainers="Chuyên gia", created_by=ctx.lead_user)
                courses.append(c)
                start = min(ctx.today, dt.date(year, rng.randint(1, 11), rng.randint(1, 28)))
                sessions.append(Session(course=c, start_date=start, end_date=start, place="Hội trường tỉnh"))
    ctx.save(Course, courses, trail_of=lambda c: (c.organiser_id, c.created_by, ctx.day(400, 300)))
    for s in sessions:
        s.course_id = s.course.pk
    ctx.save(Session, sessions, trail_of=lambda s: (s.course.organiser_id, ctx.lead_user, s.start_date))
    by_root: dict[int, list] = {}
    for s in sessions:
        by_root.setdefault(s.course.organiser_id, []).append(s)
    trainees = []
    for root in provinces:
        for a in agencies_of[root.pk]:
            for k, s in enumerate(rng.sample(by_root[root.pk], min(2, len(by_root[root.pk])))):
                # The first is the agency's ISO secretary, by the registry's name; marked as such six times in ten.
                name = a.iso_secretary if k == 0 and a.iso_secretary else f"Học viên {k + 1} {a.code}"
                done = rng.random() < 0.85
                marked = k == 0 and rng.random() < 0.6
                trainees.append(Trainee(session=s, course_id=s.course_id, agency=a, full_name=name,
                                        name_key=fold(name), is_iso_secretary=marked, completed=done,
                                        certificate_number=f"CC-{a.code}-{k + 1}" if done else ""))
    ctx.save(Trainee, trainees, trail_of=lambda t: (t.agency_id, ctx.lead_user, t.session.start_date))


def events(ctx: Context, provinces, agencies_of) -> None:
    rng = ctx.rng
    rows = []
    for root in provinces:
        for year in ctx.years:
            day = min(ctx.today, dt.date(year, 3, 15))
            rows.append(Event(title=f"Hội nghị triển khai ISO {year} — {root.code}", kind=EventKind.LAUNCH, date=day,
                              place="Hội trường tỉnh", organiser=root, created_by=ctx.lead_user))
    ctx.save(Event, rows, trail_of=lambda e: (e.organiser_id, e.created_by, e.date))
    attendees = []
    for e in rows:
        for a in agencies_of[e.organiser_id]:
            if rng.random() < 0.4:
                name = f"Đại biểu {a.code}"
                attendees.append(Attendee(event=e, agency=a, full_name=name, name_key=fold(name)))
    ctx.save(Attendee, attendees)
