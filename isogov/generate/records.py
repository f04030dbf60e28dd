"""An agency's risks, internal audits with findings, nonconformities with corrective actions (some overdue),
management reviews and citizens' feedback, year by year."""
import datetime as dt

from django.contrib.contenttypes.models import ContentType

from isogov.audits.models import Audit, AuditArea, Auditor, AuditProgramme, AuditState, Finding, Grade
from isogov.capa.models import CorrectiveAction, Nonconformity, Severity, State, Step
from isogov.capa.models import Source as NcSource
from isogov.clauses.models import Clause, Framework
from isogov.feedback.models import Channel, Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.generate.base import Context
from isogov.reviews.models import Review, ReviewAction, ReviewState
from isogov.risks.models import Risk, RiskAction
from isogov.risks.models import Status as RiskStatus

NC_STATES = [(State.DRAFT, 10), (State.ANALYSED, 10), (State.ACTION_PLAN, 10), (State.IN_PROGRESS, 20),
             (State.AWAITING_VERIFICATION, 5), (State.CLOSED, 45)]


def risks(ctx: Context, agencies) -> None:
    rng = ctx.rng
    rows = [Risk(agency=a, description=f"Rủi ro {i}: chậm giải quyết hồ sơ do thiếu nhân lực", process="Một cửa",
                 likelihood=rng.randint(1, 5), impact=rng.randint(1, 5), owner="Văn phòng",
                 review_date=ctx.today + dt.timedelta(days=rng.randint(-60, 200)),
                 status=RiskStatus.OPEN if rng.random() < 0.8 else RiskStatus.CLOSED,
                 created_by=ctx.secretaries[a.pk]) for a in agencies for i in range(1, 4)]
    ctx.save(Risk, rows, trail_of=lambda r: (r.agency_id, r.created_by, ctx.day(360, 100)))
    actions = []
    for r in rows:
        due = ctx.today + dt.timedelta(days=rng.randint(-90, 120))
        done = due - dt.timedelta(days=3) if due < ctx.today and rng.random() < 0.7 else None
        actions.append(RiskAction(risk=r, description="Bổ sung công chức tiếp nhận", owner="Văn phòng", due_date=due,
                                  done_on=done, created_by=r.created_by))
    ctx.save(RiskAction, actions, trail_of=lambda x: (x.risk.agency_id, x.created_by, ctx.day(200, 90)))


def audits(ctx: Context, agencies, facts) -> list[Finding]:
    """An internal audit a year, reported (linked to its QMS fact) once its date has passed, with three findings."""
    rng = ctx.rng
    framework = Framework.objects.order_by("id").first()
    clauses = list(Clause.objects.filter(framework=framework).order_by("id"))
    fact_of = {(f.agency_id, f.date.year): f for f in facts if f.kind == "internal_audit"}
    programmes, runs = [], []
    for a in agencies:
        for year in ctx.years:
            p = AuditProgramme(agency=a, year=year, created_by=ctx.secretaries[a.pk])
            programmes.append(p)
            fact = fact_of.get((a.pk, year))
            runs.append(Audit(agency=a, programme=p, title=f"Đánh giá nội bộ năm {year}", planned_month=6,
                              scope="Toàn bộ hệ thống", framework=framework, created_by=p.created_by,
                              state=AuditState.REPORTED if fact else AuditState.PLANNED,
                              audit_date=fact.date if fact else None, reported_on=fact.date if fact else None,
                              summary="Hệ thống phù hợp" if fact else "", fact=fact))
    ctx.save(AuditProgramme, programmes, trail_of=lambda p: (p.agency_id, p.created_by, dt.date(p.year, 1, 10)))
    for r in runs:
        r.programme_id = r.programme.pk
    ctx.save(Audit, runs, trail_of=lambda r: (r.agency_id, r.created_by, dt.date(r.programme.year, 1, 10)))
    ctx.save(Auditor, [Auditor(audit=r, name="Chuyên gia đánh giá", is_lead=True) for r in runs])
    areas = ctx.save(AuditArea, [AuditArea(audit=r, name="Bộ phận Một cửa", owner_name="Văn phòng") for r in runs])
    findings = []
    for r, area in zip(runs, areas):
        if r.state == AuditState.REPORTED:
            for grade in (Grade.MINOR, Grade.OBSERVATION, rng.choice([Grade.GOOD_PRACTICE, Grade.MAJOR])):
                findings.append(Finding(audit=r, grade=grade, clause=rng.choice(clauses), area=area,
                                        description="Hồ sơ chưa được lưu đầy đủ"))
    return ctx.save(Finding, findings, trail_of=lambda f: (f.audit.agency_id, f.audit.created_by, f.audit.audit_date))


def nonconformities(ctx: Context, agencies, findings) -> None:
    """One per major or minor finding, and one from process monitoring a year; numbered 1, 2, … per agency."""
    rng = ctx.rng
    finding_type = ContentType.objects.get_for_model(Finding)
    states, weights = zip(*NC_STATES)
    ncs = []
    for f in findings:
        if f.grade in (Grade.MAJOR, Grade.MINOR):
            ncs.append(Nonconformity(agency_id=f.audit.agency_id, source=NcSource.INTERNAL_AUDIT, severity=f.grade,
                                     description=f.description, clause=f.clause, detected_on=f.audit.audit_date,
                                     origin_type=finding_type, origin_id=f.pk, origin_label=str(f)[:300]))
    for a in agencies:
        for year in ctx.years:
            detected = min(ctx.today, dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
            ncs.append(Nonconformity(agency_id=a.pk, source=NcSource.PROCESS_MONITORING, severity=Severity.MINOR,
                                     description="Hồ sơ trễ hạn chưa có văn bản xin lỗi", detected_on=detected))
    ncs.sort(key=lambda nc: (nc.agency_id, nc.detected_on))
    number: dict[int, int] = {}
    for nc in ncs:
        number[nc.agency_id] = number.get(nc.agency_id, 0) + 1
        nc.number, nc.created_by = number[nc.agency_id], ctx.secretaries[nc.agency_id]
        nc.state = rng.choices(states, weights)[0]
        if nc.state != State.DRAFT:
            nc.root_cause, nc.whys = "Chưa phân công rõ trách nhiệm", ["Vì sao 1", "Vì sao 2"]
            nc.analysed_on = min(ctx.today, nc.detected_on + dt.timedelta(days=7))
        if nc.state == State.CLOSED:
            nc.closed_on = min(ctx.today, nc.detected_on + dt.timedelta(days=60))
    ctx.save(Nonconformity, ncs, trail_of=lambda nc: (nc.agency_id, nc.created_by, nc.detected_on))
    by_finding = {nc.origin_id: nc for nc in ncs if nc.origin_id}
    for f in findings:
        f.nonconformity = by_finding.get(f.pk)
    Finding.objects.bulk_update([f for f in findings if f.nonconformity], ["nonconformity"], batch_size=2000)
    steps, actions = [], []
    for nc in ncs:
        steps.append(Step(nonconformity=nc, from_state="", to_state=State.DRAFT, actor=nc.created_by,
                          at=ctx.moment(nc.detected_on)))
        if nc.state != State.DRAFT:
            steps.append(Step(nonconformity=nc, from_state=State.DRAFT, to_state=nc.state, actor=nc.created_by,
                              at=ctx.moment(nc.analysed_on)))
        if nc.state in (State.IN_PROGRESS, State.AWAITING_VERIFICATION, State.CLOSED, State.ACTION_PLAN):
            for i in range(rng.randint(1, 2)):
                due = nc.detected_on + dt.timedelta(days=rng.randint(20, 90))
                done = None
                if nc.state in (State.AWAITING_VERIFICATION, State.CLOSED):
                    done = min(ctx.today, due)
                elif due < ctx.today and rng.random() < 0.5:
                    done = due  # the rest of the past-due actions of open nonconformities are overdue
                actions.append(CorrectiveAction(nonconformity=nc, description=f"Biện pháp {i + 1}",
                                                owner=nc.created_by, owner_name=str(nc.created_by), due_date=due,
                                                done_on=done, done_by=nc.created_by if done else None))
    ctx.save(Step, steps)
    ctx.save(CorrectiveAction, actions,
             trail_of=lambda x: (x.nonconformity.agency_id, x.owner, x.nonconformity.analysed_on))


def reviews(ctx: Context, agencies, facts) -> None:
    rng = ctx.rng
    rows = []
    for f in facts:
        if f.kind == "management_review":
            rows.append(Review(agency_id=f.agency_id, date=f.date, chair="Chủ tịch", state=ReviewState.HELD,
                               held_at=ctx.moment(f.date), fact=f, created_by=ctx.secretaries[f.agency_id]))
    ctx.save(Review, rows, trail_of=lambda r: (r.agency_id, r.created_by, r.date))
    ctx.save(ReviewAction, [ReviewAction(review=r, kind="improvement", description="Số hóa hồ sơ lưu trữ",
                                         owner="Văn phòng", due_date=r.date + dt.timedelta(days=90),
                                         done_on=r.date + dt.timedelta(days=80) if rng.random() < 0.5 else None,
                                         created_by=r.created_by) for r in rows],
             trail_of=lambda x: (x.review.agency_id, x.created_by, x.review.date))


def feedback(ctx: Context, agencies) -> None:
    rng = ctx.rng
    complaints, surveys = [], []
    for a in agencies:
        sec = ctx.secretaries[a.pk]
        for year in ctx.years:
            for _ in range(2):
                received = min(ctx.today, dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
                handled = received + dt.timedelta(days=10) <= ctx.today and rng.random() < 0.8
                complaints.append(Complaint(
                    agency=a, received_on=received, channel=rng.choice(Channel.values), citizen_name="Nguyễn Văn A",
                    content="Phản ánh thời gian chờ lâu", created_by=sec,
                    status=ComplaintStatus.HANDLED if handled else ComplaintStatus.RECEIVED,
                    responded_on=received + dt.timedelta(days=10) if handled else None,
                    response="Đã giải thích và xin lỗi" if handled else ""))
            end = min(ctx.today, dt.date(year, 6, 30))
            surveyed = rng.randint(50, 200)
            surveys.append(SatisfactionSurvey(agency=a, period_start=dt.date(year, 1, 1), period_end=end,
                                              surveyed=surveyed, satisfied=rng.randint(surveyed * 3 // 4, surveyed),
                                              created_by=sec))
    ctx.save(Complaint, complaints, trail_of=lambda c: (c.agency_id, c.created_by, c.received_on))
    ctx.save(SatisfactionSurvey, surveys, trail_of=lambda s: (s.agency_id, s.created_by, s.period_end))
