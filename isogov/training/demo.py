"""Demo training records: the plan's three courses (activity 2) with trainees from most agencies.

Courses are dated in the year before the demo province's latest QMS step (2020 for the Trà Vinh plan of
2019–2020), or before today when there is no history. Agencies that have not started their QMS sent
nobody, those still building sent few, so the coverage and the list of untrained agencies mean something.
"""
import datetime as dt
import random

from django.db.models import Max
from django.utils import timezone

from isogov.audit.services import Action, Entry, audit_record_many, snapshot
from isogov.core.text import fold
from isogov.demo import people
from isogov.demo.history import HistoricClock
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


def anchor_date() -> dt.date:
    """The day the demo's story reaches: the latest QMS step recorded, never after today."""
    latest = Transition.objects.aggregate(last=Max("at"))["last"]
    today = timezone.localdate()
    return min(timezone.localtime(latest).date(), today) if latest else today


def demo_agencies() -> list[Agency]:
    return list(Agency.objects.filter(status=AgencyStatus.ACTIVE).select_related("tier", "parent")
                .order_by("tier__rank", "path"))


def programme_lead(agencies: list[Agency]) -> Agency:
    return next((a for a in agencies if a.is_programme_lead), agencies[0])


def organiser_of(agencies: list[Agency]) -> Agency:
    # The standards sub-department trains; failing it, the programme lead itself.
    return next((a for a in agencies if a.code == "SKHCN.CCTDC"), None) or programme_lead(agencies)


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    counts = {"courses": 0, "sessions": 0, "trainees": 0}
    agencies = demo_agencies()
    if Course.objects.exists() or not agencies:
        return counts
    anchor = anchor_date()  # before the clock below stands in for today
    builder = _Builder(actor=actor, rng=rng, organiser=organiser_of(agencies), host=programme_lead(agencies),
                       clock=HistoricClock(rng, anchor), anchor=anchor)
    started = [a for a in agencies if a.qms_state in STARTED]
    leaders = [a for a in started if rng.random() < 0.85]
    with builder.clock.running():
        builder.course(Topic.AWARENESS, "Tập huấn nhận thức chung về TCVN ISO 9001:2015 cho lãnh đạo cơ quan",
                       offset=270, agencies=leaders, people=builder.leader)
        builder.course(Topic.FRAMEWORK, "Hướng dẫn xây dựng, áp dụng HTQLCL theo mô hình khung "
                                        "(Quyết định 101/QĐ-BKHCN)", offset=220,
                       agencies=[a for a in started if a.qms_state != S.BUILDING or rng.random() < 0.5],
                       people=builder.secretary_and_staff, certificates="MHK")
        builder.course(Topic.INTERNAL_AUDIT, "Đào tạo chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015",
                       offset=150,
                       agencies=[a for a in started if a.qms_state in APPLYING_OR_LATER and rng.random() < 0.7],
                       people=builder.auditors, certificates="ĐGNB")
    return {"courses": 3, "sessions": builder.sessions, "trainees": builder.trainees}


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
                 anchor: dt.date):
        self.actor, self.rng, self.organiser, self.host = actor, rng, organiser, host
        self.clock, self.anchor = clock, anchor
        self.trainees = self.sessions = 0

    def course(self, topic: str, title: str, *, offset: int, agencies: list[Agency], people, certificates=""):
        start = self.anchor - dt.timedelta(days=offset)
        # Dated as they happened: the course is set up three weeks ahead, each list entered after its session.
        self.clock.restart(start - dt.timedelta(days=21))
        course = services.course_create(
            actor=self.actor, title=title, topic=topic, organiser=self.organiser,
            trainers="ThS. Phạm Quốc Bảo, ThS. Nguyễn Thị Ngọc Hân (Chi cục Tiêu chuẩn Đo lường Chất lượng)",
            description="Thuộc hoạt động 2 của Kế hoạch duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015.")
        serial = 0
        lists = []
        for index, group in enumerate(_groups(agencies)):
            day = start + dt.timedelta(days=3 * index)
            while day.weekday() >= 5:  # sessions run on working days
                day += dt.timedelta(days=1)
            days = 2 if topic == Topic.INTERNAL_AUDIT else 1
            self.clock.at(day - dt.timedelta(days=10))
            session = services.session_create(
                actor=self.actor, course=course, start_date=day, end_date=day + dt.timedelta(days=days - 1),
                place=_place(group, self.host), trainer=course.trainers.split(",")[index % 2].strip())
            self.sessions += 1
            trainees = []
            lists.append((session, trainees))
            for agency in group:
                seen = set()
                for name, position, secretary in people(agency):
                    if fold(name) in seen:
                        continue
                    seen.add(fold(name))
                    completed = self.rng.random() < 0.93
                    number = ""
                    if certificates and completed:
                        serial += 1
                        number = f"{serial:03d}/{day.year}/{certificates}"
                    trainees.append(Trainee(
                        session=session, course=course, agency=agency, full_name=name, name_key=fold(name),
                        position=position, is_iso_secretary=secretary, completed=completed,
                        certificate_number=number))
        for session, trainees in lists:
            if trainees:
                self.clock.at(session.end_date)
                _record(self.actor, trainees)
                self.trainees += len(trainees)

    def leader(self, agency: Agency):
        yield people.person(self.rng), LEAD_POSITIONS.get(agency.kind, "Phó Thủ trưởng"), False

    def _staff(self, agency: Agency) -> str:
        return self.rng.choice(STAFF_POSITIONS.get(agency.kind, OTHER_STAFF))

    def secretary_and_staff(self, agency: Agency):
        if agency.iso_secretary and self.rng.random() < 0.9:
            # Sign-in sheets do not always say who is the ISO secretary; the name still tells.
            yield agency.iso_secretary, SECRETARY_POSITION, self.rng.random() < 0.6
        if agency.qms_state != S.BUILDING:
            yield people.person(self.rng), self._staff(agency), False

    def auditors(self, agency: Agency):
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
