"""Demo internal audits: a programme per year for every agency that applies its QMS, most of them with an
audit reported within the last 12 months (some only earlier: those agencies are no longer compliant),
findings graded as auditors grade them, and a nonconformity for each major or minor one.

Written in bulk with the audit trail the services would have left; the dated internal-audit facts are
recorded too, so the lifecycle and the compliance card see them.
"""
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from isogov.accounts.models import Role
from isogov.audit.services import Action, Entry, audit_record_many
from isogov.audits import rules
from isogov.audits.models import Audit, AuditArea, Auditor, AuditProgramme, AuditState, ChecklistItem, Finding, Result
from isogov.capa import demo as capa_demo
from isogov.capa.models import Source, State
from isogov.clauses.models import Clause
from isogov.core.dates import add_months
from isogov.demo import people
from isogov.demo.history import KEEPS_ON, not_before
from isogov.qms.models import FactKind, QmsFact, ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

AREAS = ["Bộ phận tiếp nhận và trả kết quả", "Văn phòng HĐND và UBND", "Phòng Tư pháp",
         "Phòng Tài nguyên và Môi trường",
         "Phòng Kinh tế", "Bộ phận Tài chính – Kế toán", "Phòng Nội vụ", "Quy trình cấp giấy phép",
         "Quy trình chứng thực", "Bộ phận văn thư, lưu trữ"]
OBSERVATIONS = [
    ("observation", "9.1.3", "Chưa phân tích xu hướng số hồ sơ trễ hạn theo quý"),
    ("observation", "7.1.6", "Tri thức về quy trình chưa được tổng hợp thành tài liệu hướng dẫn"),
    ("observation", "7.4", "Lịch tiếp công dân chưa cập nhật trên trang thông tin điện tử"),
    ("good_practice", "9.1.2", "Khảo sát sự hài lòng bằng mã QR ngay tại quầy, kết quả tổng hợp hằng tháng"),
    ("good_practice", "8.5.1", "Nhắn tin tự động báo ngày trả kết quả cho người dân"),
    ("good_practice", "7.5.3", "Số hóa 100% hồ sơ lưu trữ của quy trình hộ tịch"),
]
NC_GRADES = {"major": 1, "minor": 5}
# Everyone who applies the QMS has had a first internal audit; from "announced" on they keep auditing.
AUDITED = (QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
           QmsState.REANNOUNCE_DUE)
KEEPS_AUDITING = (QmsState.ANNOUNCED, QmsState.MAINTAINING, QmsState.REANNOUNCE_DUE)


class _Load:
    def __init__(self, *, actor, rng: random.Random):
        self.actor, self.rng, self.today = actor, rng, timezone.localdate()
        self.clauses = list(Clause.objects.filter(framework__code="iso9001-2015", auditable=True))
        self.by_number = {c.number: c for c in self.clauses}
        self.framework_id = self.clauses[0].framework_id
        self.scope: dict[int, list[int]] = {}
        for agency_id, procedure_id in ScopeItem.objects.values_list("agency_id", "procedure_id"):
            self.scope.setdefault(agency_id, []).append(procedure_id)
        self.secretaries = {u.agency_id: u for u in get_user_model().objects.filter(role=Role.SECRETARY,
                                                                                    is_active=True)}
        self.programmes: dict[tuple, AuditProgramme] = {}
        self.audits: list[tuple[Audit, dict]] = []

    def programme(self, agency: Agency, year: int) -> AuditProgramme:
        key = (agency.pk, year)
        if key not in self.programmes:
            self.programmes[key] = AuditProgramme(agency=agency, year=year, created_by=self.actor,
                                                  note=f"Kế hoạch đánh giá nội bộ năm {year}")
        return self.programmes[key]

    def add(self, agency: Agency, *, state: str, day: dt.date, round_no: int) -> None:
        rng, day = self.rng, not_before(agency, day)
        audit = Audit(agency=agency, title=f"Đánh giá nội bộ HTQLCL đợt {round_no} năm {day.year}",
                      planned_month=day.month, scope="Toàn bộ các quy trình giải quyết thủ tục hành chính thuộc "
                      "phạm vi áp dụng HTQLCL", framework_id=self.framework_id, state=state, created_by=self.actor,
                      programme=self.programme(agency, day.year))
        plan = {"clauses": rng.sample(self.clauses, rng.randint(14, 24)), "findings": []}
        if state in (AuditState.IN_PROGRESS, AuditState.REPORTED):
            audit.audit_date = day
            plan["team"] = self.team(agency)
            plan["areas"] = self.areas(plan["team"])
        if state == AuditState.REPORTED:
            audit.reported_on = min(day + dt.timedelta(days=rng.randint(1, 7)), self.today)
            audit.summary = "HTQLCL được duy trì, áp dụng phù hợp; khắc phục các điểm không phù hợp theo kế hoạch."
            plan["findings"] = self.findings(plan)
        elif state == AuditState.IN_PROGRESS:
            plan["findings"] = self.findings(plan)[:1]
        self.audits.append((audit, plan))

    def team(self, agency: Agency) -> list[tuple]:
        secretary = self.secretaries.get(agency.pk)
        lead = (secretary, secretary.full_name) if secretary else (None, people.person(self.rng))
        return [lead] + [(None, people.person(self.rng)) for _ in range(self.rng.randint(1, 2))]

    def areas(self, team: list[tuple]) -> list[tuple]:
        names = {n for _u, n in team}
        areas = []
        for name in self.rng.sample(AREAS, self.rng.randint(1, 3)):
            owner = people.person(self.rng)
            while owner in names:  # nobody audits their own work
                owner = people.person(self.rng)
            areas.append((name, owner))
        return areas

    def findings(self, plan: dict) -> list[tuple]:
        found = []
        for _ in range(self.rng.randint(1, 4)):
            if self.rng.random() < 0.45:
                scenario = self.rng.choice(capa_demo.SCENARIOS)
                grade = self.rng.choices(list(NC_GRADES), weights=list(NC_GRADES.values()))[0]
                found.append((grade, scenario[1], scenario[0], scenario))
            else:
                grade, number, text = self.rng.choice(OBSERVATIONS)
                found.append((grade, number, text, None))
        clause_ids = {c.pk for c in plan["clauses"]}
        for _grade, number, _text, _scenario in found:
            clause = self.by_number[number]
            if clause.pk not in clause_ids:
                plan["clauses"].append(clause)
                clause_ids.add(clause.pk)
        return found


@transaction.atomic
def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Audit.objects.exists():
        return {}
    load = _Load(actor=actor, rng=rng)
    today = load.today
    lapsed = _lapsed(today)
    # Agencies merged in 2025 ended with their own records; only today's agencies audit.
    for agency in Agency.objects.filter(qms_state__in=AUDITED, status=AgencyStatus.ACTIVE).order_by("path"):
        staffed = agency.pk in load.secretaries
        if agency.qms_state in KEEPS_AUDITING:
            # Most audited within the last 12 months; about one in eight only before that.
            drawn = rng.random() < 0.88
            recent = staffed or (drawn and agency.pk not in lapsed)
            day = today - dt.timedelta(days=rng.randint(20, 330) if recent else rng.randint(380, 560))
            load.add(agency, state=AuditState.REPORTED, day=day, round_no=1)
            if recent and rng.random() < 0.35:
                earlier = day - dt.timedelta(days=rng.randint(330, 400))
                load.add(agency, state=AuditState.REPORTED, day=earlier, round_no=1)
            if staffed:
                # The demo secretary has an audit under way to record findings in.
                load.add(agency, state=AuditState.IN_PROGRESS, day=today - dt.timedelta(days=1), round_no=2)
            else:
                _next_round(load, agency, rng, today)
        elif rng.random() < 0.7:
            load.add(agency, state=AuditState.REPORTED, day=today - dt.timedelta(days=rng.randint(15, 200)),
                     round_no=1)
        else:
            load.add(agency, state=AuditState.PLANNED, day=today + dt.timedelta(days=rng.randint(20, 120)),
                     round_no=1)
    return _write(load)


def _lapsed(today: dt.date) -> set[int]:
    """Maintaining agencies whose history (demo.history) let the yearly internal audit lapse: they stay overdue.
    The others' histories audit every year up to a month before today, so their last is at most 13 months old."""
    before = add_months(today, -(rules.internal_audit_months() + 1))
    return set(QmsFact.objects.filter(kind=FactKind.INTERNAL_AUDIT, agency__qms_state__in=KEEPS_ON)
               .values("agency_id").annotate(last=Max("date")).filter(last__lt=before)
               .values_list("agency_id", flat=True))


def _next_round(load: _Load, agency: Agency, rng: random.Random, today: dt.date) -> None:
    draw = rng.random()
    if draw < 0.12:
        load.add(agency, state=AuditState.IN_PROGRESS, day=today - dt.timedelta(days=rng.randint(0, 6)), round_no=2)
    elif draw < 0.22:
        # Planned for a month that has passed without the audit starting: the page flags it.
        load.add(agency, state=AuditState.PLANNED, day=today - dt.timedelta(days=rng.randint(35, 90)), round_no=2)
    elif draw < 0.6:
        load.add(agency, state=AuditState.PLANNED, day=today + dt.timedelta(days=rng.randint(15, 200)), round_no=2)
    elif draw < 0.65:
        load.add(agency, state=AuditState.CANCELLED, day=today - dt.timedelta(days=rng.randint(10, 120)), round_no=2)


def _write(load: _Load) -> dict[str, int]:
    actor, rng, today = load.actor, load.rng, load.today
    entries: list[Entry] = []
    programmes = AuditProgramme.objects.bulk_create(list(load.programmes.values()))
    entries += [Entry(Action.CREATE, p, p.agency, {"year": p.year}) for p in programmes]
    for audit, _plan in load.audits:
        if audit.state == AuditState.CANCELLED:
            audit.cancel_reason = "Lùi sang năm sau do sắp xếp tổ chức bộ máy"
    facts = QmsFact.objects.bulk_create([
        QmsFact(agency=a.agency, kind=FactKind.INTERNAL_AUDIT, date=a.reported_on, recorded_by=actor,
                note=f"Đánh giá nội bộ: {a.title}") for a, _p in load.audits if a.state == AuditState.REPORTED])
    reported = iter(facts)
    for audit, _plan in load.audits:
        if audit.state == AuditState.REPORTED:
            audit.fact = next(reported)
    Audit.objects.bulk_create([a for a, _p in load.audits])
    entries += [Entry(Action.CREATE, f, f.agency, {"kind": f.kind, "date": f.date}) for f in facts]
    team, areas, items, findings = [], [], [], []
    for audit, plan in load.audits:
        entries.append(Entry(Action.CREATE, audit, audit.agency, {"title": audit.title,
                                                                   "planned_month": audit.planned_month}))
        for state in _states(audit.state):
            entries.append(Entry(Action.TRANSITION, audit, audit.agency, {"state": list(state)}))
        team += [Auditor(audit=audit, user=u, name=n, is_lead=i == 0) for i, (u, n) in enumerate(plan.get("team", []))]
        plan["area_rows"] = [AuditArea(audit=audit, name=n, owner_name=o) for n, o in plan.get("areas", [])]
        areas += plan["area_rows"]
        failing = {load.by_number[n].pk for g, n, _t, _s in plan["findings"] if g in NC_GRADES}
        checked = audit.state in (AuditState.IN_PROGRESS, AuditState.REPORTED)
        for clause in plan["clauses"]:
            result = Result.NOT_CHECKED
            if clause.pk in failing:
                result = Result.NONCONFORM
            elif checked and (audit.state == AuditState.REPORTED or rng.random() < 0.4):
                result = Result.CONFORM if rng.random() < 0.93 else Result.NOT_CHECKED
            items.append(ChecklistItem(audit=audit, clause=clause, result=result))
    Auditor.objects.bulk_create(team)
    AuditArea.objects.bulk_create(areas)
    ChecklistItem.objects.bulk_create(items)
    entries += [Entry(Action.UPDATE, a, a.audit.agency, {"team": [[], [a.name]]}) for a in team]
    entries += [Entry(Action.CREATE, a, a.audit.agency, {"name": a.name, "owner": a.owner_name}) for a in areas]
    entries += [Entry(Action.UPDATE, i, i.audit.agency, {"result": [Result.NOT_CHECKED, i.result]})
                for i in items if i.result != Result.NOT_CHECKED]
    planned_ncs, nc_findings = [], []
    for audit, plan in load.audits:
        for grade, number, text, scenario in plan["findings"]:
            finding = Finding(audit=audit, grade=grade, clause=load.by_number[number], description=text,
                              area=rng.choice(plan["area_rows"]) if plan["area_rows"] else None)
            findings.append(finding)
            if grade in NC_GRADES and audit.state == AuditState.REPORTED:
                nc_findings.append(finding)
                planned_ncs.append(capa_demo.Planned(
                    agency=audit.agency, source=Source.INTERNAL_AUDIT, detected_on=audit.audit_date,
                    state=_nc_state(rng, audit.reported_on, today), scenario=scenario, severity=grade,
                    origin=finding, clause_number=number))
    Finding.objects.bulk_create(findings)
    entries += [Entry(Action.CREATE, f, f.audit.agency, {"grade": f.grade, "clause": f.clause.number,
                                                         "description": f.description}) for f in findings]
    ncs = capa_demo.create_many(planned_ncs, actor=actor, rng=rng)
    for finding, nc in zip(nc_findings, ncs):
        finding.nonconformity = nc
    Finding.objects.bulk_update(nc_findings, ["nonconformity"])
    audit_record_many(actor=actor, entries=entries)
    return {"programmes": len(programmes), "audits": len(load.audits), "findings": len(findings),
            "nonconformities": len(ncs), "facts": len(facts)}


def _states(state: str) -> list[tuple[str, str]]:
    path = {AuditState.PLANNED: [], AuditState.IN_PROGRESS: [("planned", "in_progress")],
            AuditState.REPORTED: [("planned", "in_progress"), ("in_progress", "reported")],
            AuditState.CANCELLED: [("planned", "cancelled")]}
    return path[state]


def _nc_state(rng: random.Random, reported_on: dt.date, today: dt.date) -> str:
    """Older audits' nonconformities are mostly closed; recent ones are still being worked on."""
    age = (today - reported_on).days
    if age > 200:
        return rng.choice([State.CLOSED] * 6 + [State.IN_PROGRESS, State.AWAITING_VERIFICATION])
    if age > 60:
        return rng.choice([State.CLOSED, State.CLOSED, State.IN_PROGRESS, State.IN_PROGRESS, State.ACTION_PLAN,
                           State.AWAITING_VERIFICATION])
    return rng.choice([State.DRAFT, State.ANALYSED, State.ACTION_PLAN, State.IN_PROGRESS])
