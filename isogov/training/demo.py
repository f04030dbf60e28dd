"""Demo training records (activity 2 of each plan), dated as the story tells them.

- 2020, the seed plan's activity 2: the standards sub-department trains Trà Vinh's agencies of the day (the
  provincial bodies, the districts and the old communes): awareness for leaders, the framework model for
  secretaries, internal auditors.
- 2021–2025 plan: refreshers in 2022 (ISO secretaries) and 2024 (internal auditors), for the agencies of then.
- 2026: Vĩnh Long trains its new communes and provincial bodies.

Each session takes only agencies alive on all of its days (active_from..ended_on) that had started their QMS
by its first day (their state then, from the QMS history): those not started sent nobody, those still
building sent few, so the coverage and the list of untrained agencies mean something. Nothing is dated
after the story's today. Courses carry no link to the plan's activity (training sits below the programme),
so each course's description names the plan and the activity.
"""
import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from isogov.audit.services import Action, Entry, audit_record_many, snapshot
from isogov.core.text import fold
from isogov.demo import people
from isogov.demo.history import HistoricClock
from isogov.demo.provinces import TODAY
from isogov.qms.models import Transition
from isogov.qms.states import QmsState as S
from isogov.registry.models import Agency, AgencyKind, AgencyStatus
from isogov.training import services
from isogov.training.models import Course, Topic, Trainee

LEAD_POSITIONS = {
    AgencyKind.DEPARTMENT: "Phó Giám đốc Sở", AgencyKind.SUB_DEPARTMENT: "Phó Chi cục trưởng",
    AgencyKind.DISTRICT_COMMITTEE: "Phó Chủ tịch UBND", AgencyKind.COMMUNE_COMMITTEE: "Phó Chủ tịch UBND",
    AgencyKind.PUBLIC_SERVICE_UNIT: "Phó Giám đốc", AgencyKind.OTHER: "Phó Thủ trưởng",
}
STAFF_POSITIONS = {
    AgencyKind.COMMUNE_COMMITTEE: ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch",
                                   "Công chức Địa chính - Xây dựng"],
    AgencyKind.DISTRICT_COMMITTEE: ["Chánh Văn phòng HĐND và UBND", "Chuyên viên Phòng Nội vụ",
                                    "Chuyên viên Bộ phận Một cửa"],
}
OTHER_STAFF = ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên", "Trưởng phòng Hành chính - Tổng hợp"]
SECRETARY_POSITION = "Chuyên viên Văn phòng, thư ký ISO"
# How far each state's agencies got: the later the QMS step, the more of its staff were trained.
STARTED = [S.BUILDING, S.APPLYING, S.CONFIRMED, S.ANNOUNCED, S.MAINTAINING, S.REANNOUNCE_DUE]
APPLYING_OR_LATER = STARTED[1:]
SESSION_SIZE = 30
TRAINERS = "ThS. Phạm Quốc Bảo, ThS. Nguyễn Thị Ngọc Hân (Chi cục Tiêu chuẩn Đo lường Chất lượng)"
PLAN_2020 = ("Thuộc hoạt động 2 (đào tạo theo mô hình khung của Bộ KH&CN) của Kế hoạch 2248/QĐ-UBND ngày "
             "29/10/2019 của UBND tỉnh Trà Vinh.")
PLAN_2025 = "Thuộc hoạt động đào tạo của Kế hoạch duy trì, áp dụng và cải tiến HTQLCL giai đoạn 2021–2025."
PLAN_2026 = ("Thuộc hoạt động đào tạo của Kế hoạch năm 2026 của UBND tỉnh Vĩnh Long, cho các xã, phường mới "
             "và các cơ quan cấp tỉnh sau sắp xếp.")


@dataclass(frozen=True)
class Round:
    """One course: who it is for (a test on an agency's QMS state that day) and whom each agency sends."""
    start: dt.date
    topic: str
    title: str
    description: str
    people: str  # the _Builder method naming the people an agency sends
    share: float  # of the eligible agencies, how many sent someone
    states: tuple = tuple(STARTED)
    certificates: str = ""
    days: int = 1
    one_room: bool = False  # a single session for all (the 2020 plan paid for one internal auditors' class)


ROUNDS = [
    Round(dt.date(2020, 3, 9), Topic.AWARENESS, "Tập huấn nhận thức chung về TCVN ISO 9001:2015 cho lãnh đạo cơ "
          "quan", PLAN_2020, "leader", 0.85),
    Round(dt.date(2020, 5, 11), Topic.FRAMEWORK, "Hướng dẫn xây dựng, áp dụng HTQLCL theo mô hình khung "
          "(Quyết định 101/QĐ-BKHCN)", PLAN_2020, "secretary_and_staff", 0.9, certificates="MHK"),
    Round(dt.date(2020, 7, 13), Topic.INTERNAL_AUDIT, "Đào tạo chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO "
          "9001:2015", PLAN_2020, "auditors", 0.7, tuple(APPLYING_OR_LATER), "ĐGNB", 2, one_room=True),
    Round(dt.date(2022, 4, 11), Topic.FRAMEWORK, "Bồi dưỡng, cập nhật kiến thức cho thư ký ISO: cập nhật văn bản "
          "pháp luật, rà soát quy trình", PLAN_2025, "secretary", 0.6),
    Round(dt.date(2024, 6, 10), Topic.INTERNAL_AUDIT, "Bồi dưỡng chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO "
          "9001:2015 (lớp bổ sung)", PLAN_2025, "auditors", 0.5, tuple(APPLYING_OR_LATER), "ĐGNB", 2),
    Round(dt.date(2026, 2, 23), Topic.AWARENESS, "Tập huấn nhận thức chung về TCVN ISO 9001:2015 cho lãnh đạo "
          "các xã, phường mới và cơ quan cấp tỉnh", PLAN_2026, "leader", 0.85),
    Round(dt.date(2026, 4, 6), Topic.FRAMEWORK, "Hướng dẫn xây dựng, áp dụng HTQLCL theo mô hình khung cho các "
          "xã, phường sau sắp xếp", PLAN_2026, "secretary_and_staff", 0.9, certificates="MHK"),
    Round(dt.date(2026, 7, 13), Topic.INTERNAL_AUDIT, "Đào tạo chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO "
          "9001:2015", PLAN_2026, "auditors", 0.7, tuple(APPLYING_OR_LATER), "ĐGNB", 2),
]
# The longest a course's sessions run after its first day (a dozen rooms, three days apart): a course is
# given only when all of them are over by today.
COURSE_SPAN = dt.timedelta(days=60)


def story_today() -> dt.date:
    return min(TODAY, timezone.localdate())


def anchor_date() -> dt.date:
    """The day the demo's story reaches: the latest QMS step recorded, never after today (the events' and
    inspections' demos date their year by it)."""
    latest = Transition.objects.aggregate(last=Max("at"))["last"]
    today = timezone.localdate()
    return min(timezone.localtime(latest).date(), today) if latest else today


def demo_agencies() -> list[Agency]:
    """Today's agencies (the events' demo invites them)."""
    return list(Agency.objects.filter(status=AgencyStatus.ACTIVE).select_related("tier", "parent")
                .order_by("tier__rank", "path"))


def every_agency() -> list[Agency]:
    """Today's and those that ended: each course takes those alive on its days."""
    return list(Agency.objects.select_related("tier", "parent").order_by("tier__rank", "path"))


def programme_lead(agencies: list[Agency]) -> Agency:
    return next((a for a in agencies if a.is_programme_lead), agencies[0])


def organiser_of(agencies: list[Agency]) -> Agency:
    # The standards sub-department trains; failing it, the programme lead itself.
    return next((a for a in agencies if a.code == "SKHCN.CCTDC"), None) or programme_lead(agencies)


def alive(agency: Agency, first: dt.date, last: dt.date) -> bool:
    """The agency existed on every day from `first` to `last`."""
    return ((agency.active_from is None or agency.active_from <= first)
            and (agency.ended_on is None or agency.ended_on > last))


class States:
    """Each agency's QMS state on a day, from its history (one query); today's state when it has none."""

    def __init__(self, agencies: list[Agency]):
        self.today = {a.pk: a.qms_state for a in agencies}
        self.steps: dict[int, list] = {}
        for agency_id, at, before, after in (Transition.objects.order_by("at", "pk")
                                             .values_list("agency_id", "at", "from_state", "to_state")):
            self.steps.setdefault(agency_id, []).append((timezone.localtime(at).date(), before, after))

    def on(self, agency: Agency, day: dt.date) -> str:
        steps = self.steps.get(agency.pk)
        if not steps:
            return self.today[agency.pk]
        state = steps[0][1]
        for when, _, after in steps:
            if when > day:
                break
            state = after
        return state


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    counts = {"courses": 0, "sessions": 0, "trainees": 0}
    agencies = every_agency()
    if Course.objects.exists() or not agencies:
        return counts
    today = story_today()  # before the clock below stands in for today
    rounds = [r for r in ROUNDS if r.start + COURSE_SPAN <= today]
    if not rounds:
        return counts
    builder = _Builder(actor=actor, rng=rng, organiser=organiser_of(agencies), host=programme_lead(agencies),
                       clock=HistoricClock(rng, rounds[0].start), states=States(agencies))
    with builder.clock.running():
        for r in rounds:
            builder.course(r, agencies)
    return {"courses": len(rounds), "sessions": builder.sessions, "trainees": builder.trainees}


def _record(actor, trainees: list[Trainee]) -> None:
    """One session's list, as the organiser enters it after the last day."""
    Trainee.objects.bulk_create(trainees, batch_size=500)
    if any(t.pk is None for t in trainees):  # databases that do not return ids from a bulk insert
        ids = {(t.agency_id, t.name_key): t.pk for t in Trainee.objects.filter(session=trainees[0].session_id)}
        for t in trainees:
            t.pk = ids[(t.agency_id, t.name_key)]
    audit_record_many(actor=actor, entries=[
        Entry(Action.CREATE, t, agency=t.agency, changes={"session": t.session,
                                                          **snapshot(t, services.TRAINEE_FIELDS)})
        for t in trainees])


class _Builder:
    def __init__(self, *, actor, rng: random.Random, organiser: Agency, host: Agency, clock: HistoricClock,
                 states: States):
        self.actor, self.rng, self.organiser, self.host = actor, rng, organiser, host
        self.clock, self.states = clock, states
        self.trainees = self.sessions = 0

    def course(self, r: Round, agencies: list[Agency]) -> None:
        invited = [a for a in agencies if alive(a, r.start, r.start)
                   and self.states.on(a, r.start) in r.states and self.rng.random() < r.share]
        # Dated as they happened: the course is set up three weeks ahead, each list entered after its session.
        self.clock.restart(r.start - dt.timedelta(days=21))
        course = services.course_create(actor=self.actor, title=r.title, topic=r.topic, organiser=self.organiser,
                                        trainers=TRAINERS, description=r.description)
        serial = 0
        lists = []
        groups = [invited] if r.one_room and invited else _groups(invited)
        for index, group in enumerate(groups):
            day = r.start + dt.timedelta(days=3 * index)
            while day.weekday() >= 5:  # sessions run on working days
                day += dt.timedelta(days=1)
            end = day + dt.timedelta(days=r.days - 1)
            # Who is still there on the session's days, and had started by then.
            group = [a for a in group if alive(a, day, end) and self.states.on(a, day) in r.states]
            if not group:
                continue
            self.clock.at(day - dt.timedelta(days=10))
            session = services.session_create(
                actor=self.actor, course=course, start_date=day, end_date=end,
                place=_place(group, self.host), trainer=TRAINERS.split(",")[index % 2].strip())
            self.sessions += 1
            trainees = []
            lists.append((session, trainees))
            for agency in group:
                seen = set()
                for name, position, secretary in getattr(self, r.people)(agency, self.states.on(agency, day)):
                    if fold(name) in seen:
                        continue
                    seen.add(fold(name))
                    completed = self.rng.random() < 0.93
                    number = ""
                    if r.certificates and completed:
                        serial += 1
                        number = f"{serial:03d}/{day.year}/{r.certificates}"
                    trainees.append(Trainee(
                        session=session, course=course, agency=agency, full_name=name, name_key=fold(name),
                        position=position, is_iso_secretary=secretary, completed=completed,
                        certificate_number=number))
        for session, trainees in lists:
            if trainees:
                self.clock.at(session.end_date)
                _record(self.actor, trainees)
                self.trainees += len(trainees)

    def leader(self, agency: Agency, state: str):
        yield people.person(self.rng), LEAD_POSITIONS.get(agency.kind, "Phó Thủ trưởng"), False

    def _staff(self, agency: Agency) -> str:
        return self.rng.choice(STAFF_POSITIONS.get(agency.kind, OTHER_STAFF))

    def secretary(self, agency: Agency, state: str):
        if agency.iso_secretary and self.rng.random() < 0.9:
            # Sign-in sheets do not always say who is the ISO secretary; the name still tells.
            yield agency.iso_secretary, SECRETARY_POSITION, self.rng.random() < 0.6
        else:
            yield people.person(self.rng), self._staff(agency), False

    def secretary_and_staff(self, agency: Agency, state: str):
        yield from self.secretary(agency, state)
        if state != S.BUILDING:
            yield people.person(self.rng), self._staff(agency), False

    def auditors(self, agency: Agency, state: str):
        for _ in range(self.rng.choice((1, 2, 2, 3))):
            yield people.person(self.rng), self._staff(agency), False


def _groups(agencies: list[Agency]) -> list[list[Agency]]:
    """Provincial bodies together; local units by district (or in batches) so each session is one room."""
    groups: dict[str, list[Agency]] = {}
    for agency in agencies:
        if agency.tier.rank == 1:
            key = "province"
        else:
            key = agency.path.split("/")[1]  # the district a commune belongs to, or the unit itself
        groups.setdefault(key, []).append(agency)
    result = []
    for group in groups.values():
        result.extend(group[i:i + SESSION_SIZE] for i in range(0, len(group), SESSION_SIZE))
    # Districts with a handful of units share a room with the next ones.
    merged: list[list[Agency]] = []
    for group in result:
        if merged and merged[-1][0].tier.rank > 1 and len(merged[-1]) + len(group) <= SESSION_SIZE:
            merged[-1].extend(group)
        else:
            merged.append(list(group))
    return merged


def _place(group: list[Agency], host: Agency) -> str:
    first = group[0]
    if first.tier.rank == 1:
        return f"Hội trường {host.name}"
    district = first.parent if first.parent_id and first.parent.kind == AgencyKind.DISTRICT_COMMITTEE else first
    if district.kind == AgencyKind.DISTRICT_COMMITTEE:
        return f"Hội trường UBND {district.name}"
    return "Hội trường Trung tâm Hội nghị tỉnh"
