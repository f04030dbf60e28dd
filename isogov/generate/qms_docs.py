"""An agency's QMS history, scope, documents with their versions (and the legal texts) and quality objectives."""
import datetime as dt
from decimal import Decimal

from isogov.documents import legal
from isogov.documents.models import Document, DocumentKind, Version, VersionStatus
from isogov.documents.models import search_text as document_search_text
from isogov.generate.base import Context
from isogov.objectives.models import Measurement, Objective, Period
from isogov.objectives.services import year_result
from isogov.qms.models import Announcement, FactKind, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState as S

LIFECYCLE = [S.NOT_STARTED, S.BUILDING, S.APPLYING, S.CONFIRMED, S.ANNOUNCED, S.MAINTAINING]
# Most agencies have announced (the programme's aim); a few are behind, a few must re-announce.
STATES = [(S.NOT_STARTED, 4), (S.BUILDING, 5), (S.APPLYING, 6), (S.CONFIRMED, 3), (S.ANNOUNCED, 25),
          (S.MAINTAINING, 50), (S.REANNOUNCE_DUE, 7)]
ANNOUNCED = {S.ANNOUNCED, S.MAINTAINING, S.REANNOUNCE_DUE}


def qms(ctx: Context, agencies, procedures) -> tuple[list, list]:
    """States and transitions, scope, announcements and the QMS facts (internal audits and reviews per year).
    Returns the facts of each kind per (agency id, year), for the audits and reviews to link to."""
    rng = ctx.rng
    states, weights = zip(*STATES)
    transitions, announcements, scope, facts = [], [], [], []
    for a in agencies:
        state = rng.choices(states, weights)[0]
        chain = LIFECYCLE[1:LIFECYCLE.index(state) + 1] if state in LIFECYCLE else LIFECYCLE[1:] + [S.REANNOUNCE_DUE]
        day = ctx.day(900, 600)
        previous = S.NOT_STARTED
        sec = ctx.secretaries[a.pk]
        for to in chain:
            day = min(ctx.today, day + dt.timedelta(days=rng.randint(20, 120)))
            transitions.append(Transition(agency=a, from_state=previous, to_state=to, actor=sec, at=ctx.moment(day)))
            previous = to
        a.qms_state, a.qms_state_since = state, transitions[-1].at if chain else None
        picked = rng.sample(procedures, 5) if state != S.NOT_STARTED else []
        scope += [ScopeItem(agency=a, procedure=p, added_by=sec) for p in picked]
        if state in ANNOUNCED:
            decided = next(t.at.date() for t in transitions if t.agency is a and t.to_state == S.ANNOUNCED)
            announcements.append(Announcement(
                agency=a, decision_number=f"{rng.randint(1, 999)}/QĐ-{a.code}", decision_date=decided,
                signer="Chủ tịch", signed_file=f"announcements/{a.code}/quyet-dinh.pdf",
                scope_codes=[p.code for p in picked], notified_on=decided, posted_on=decided, recorded_by=sec))
            for year in ctx.years:
                for kind, month in ((FactKind.INTERNAL_AUDIT, 6), (FactKind.MANAGEMENT_REVIEW, 10)):
                    date = dt.date(year, month, rng.randint(1, 28))
                    if date <= ctx.today:
                        facts.append(QmsFact(agency=a, kind=kind, date=date, recorded_by=sec))
    Agency = type(agencies[0])
    Agency.objects.bulk_update(agencies, ["qms_state", "qms_state_since"], batch_size=2000)
    ctx.save(Transition, transitions, trail_of=lambda t: (t.agency_id, t.actor, t.at.date()))
    ctx.save(ScopeItem, scope, trail_of=lambda s: (s.agency_id, s.added_by, ctx.day(700, 400)))
    ctx.save(Announcement, announcements, trail_of=lambda x: (x.agency_id, x.recorded_by, x.decision_date))
    ctx.save(QmsFact, facts, trail_of=lambda f: (f.agency_id, f.recorded_by, f.date))
    return scope, facts


def documents(ctx: Context, agencies, scope) -> None:
    """Policy, objectives, two procedures, a process per scoped procedure, three legal texts (some overdue)."""
    rng = ctx.rng
    scoped: dict[int, list] = {}
    for item in scope:
        scoped.setdefault(item.agency_id, []).append(item.procedure)
    docs = []
    for a in agencies:
        owner = ctx.secretaries[a.pk]
        rows = [("CS-01", "Chính sách chất lượng", DocumentKind.QUALITY_POLICY, None),
                ("MT-01", "Mục tiêu chất lượng", DocumentKind.QUALITY_OBJECTIVES, None),
                ("QT-01", "Quy trình kiểm soát tài liệu", DocumentKind.PROCEDURE, None),
                ("QT-02", "Quy trình hành động khắc phục", DocumentKind.PROCEDURE, None)]
        rows += [(f"QT-TTHC-{i:02d}", f"Quy trình giải quyết {p.name}"[:300], DocumentKind.PROCESS, p)
                 for i, p in enumerate(scoped.get(a.pk, []), start=1)]
        for code, title, kind, procedure in rows:
            docs.append(Document(agency=a, code=code, title=title, kind=kind, procedure=procedure,
                                 owner_name="Văn phòng", owner_user=owner, created_by=owner,
                                 reviewed_on=ctx.day(300, 30)))
        for i in range(1, 4):
            effective = ctx.day(540, 0)
            late = rng.random() < 0.3
            incorporated = None if late else min(ctx.today, effective + dt.timedelta(days=rng.randint(5, 80)))
            number = f"{rng.randint(1, 199)}/{effective.year}/NĐ-CP"
            docs.append(Document(agency=a, code=f"VB-{i:02d}", title=f"Nghị định {number}", owner_name="Văn phòng",
                                 kind=DocumentKind.EXTERNAL, issuing_body="Chính phủ", legal_number=number,
                                 legal_effective_on=effective, incorporated_on=incorporated, created_by=owner))
    for d in docs:
        d.legal_due_on = legal.due_on(d.legal_effective_on)
        d.search_text = document_search_text(code=d.code, title=d.title, legal_number=d.legal_number,
                                              issuing_body=d.issuing_body)
    ctx.save(Document, docs, trail_of=lambda d: (d.agency_id, d.created_by, ctx.day(700, 300)))
    versions = []
    for d in docs:
        first = ctx.day(700, 200)
        revised = rng.random() < 0.3
        common = {"document": d, "created_by": d.created_by, "published_by": d.created_by}
        versions.append(Version(number=1, effective_on=first, created_at=ctx.moment(first),
                                published_at=ctx.moment(first), file_name="v01.pdf", file_type="pdf",
                                status=VersionStatus.SUPERSEDED if revised else VersionStatus.PUBLISHED,
                                ended_at=ctx.moment(ctx.today) if revised else None, **common))
        if revised:
            later = ctx.day(180, 1)
            versions.append(Version(number=2, change_summary="Cập nhật theo quy định mới", effective_on=later,
                                    created_at=ctx.moment(later), published_at=ctx.moment(later),
                                    status=VersionStatus.PUBLISHED, **common))
        if rng.random() < 0.1:
            versions.append(Version(document=d, number=3 if revised else 2, change_summary="Dự thảo sửa đổi",
                                    status=VersionStatus.DRAFT, created_by=d.created_by,
                                    created_at=ctx.moment(ctx.today)))
    ctx.save(Version, versions, trail_of=lambda v: (v.document.agency_id, v.created_by, v.created_at.date()))


def objectives(ctx: Context, agencies) -> None:
    """Three monthly percentage objectives a year, measured every month begun; the results kept as recompute()."""
    rng = ctx.rng
    objs = []
    for a in agencies:
        for year in ctx.years:
            for title, target in (("Tỷ lệ hồ sơ giải quyết đúng hạn", 95), ("Tỷ lệ người dân hài lòng", 90),
                                  ("Tỷ lệ hồ sơ trực tuyến", 60)):
                objs.append(Objective(agency=a, year=year, title=title, target=Decimal(target),
                                      period=Period.MONTHLY, owner="Văn phòng", created_by=ctx.secretaries[a.pk]))
    planned = []
    for o in objs:
        months = 12 if o.year < ctx.today.year else ctx.today.month - (1 if ctx.today.day < 10 else 0)
        values = [Decimal(min(100, max(0, int(o.target) + rng.randint(-12, 8)))) for _ in range(months)]
        o.year_value, o.year_achieved, o.periods_achieved = year_result(o, values)
        o.periods_measured = len(values)
        planned.append(values)
    ctx.save(Objective, objs, trail_of=lambda o: (o.agency_id, o.created_by, dt.date(o.year, 1, 5)))
    ms = [Measurement(objective=o, period_index=m, value=value, recorded_by=o.created_by)
          for o, values in zip(objs, planned) for m, value in enumerate(values, start=1)]
    ctx.save(Measurement, ms, trail_of=lambda m: (m.objective.agency_id, m.recorded_by,
                                                  min(ctx.today, dt.date(m.objective.year, m.period_index, 10))))
