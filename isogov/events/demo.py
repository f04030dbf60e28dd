"""Demo events: the plan's launch conference, which most agencies attended, and two communication events.

They belong to activity (1) of the approved plan when the programme demo made one (it runs first) and are
dated within it; otherwise like the training demo, in the year before the demo province's latest QMS step
(2020 for the Trà Vinh plan), or before today when there is no history.
"""
import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.core.text import fold
from isogov.demo import people
from isogov.demo.history import HistoricClock
from isogov.demo.pdf import one_page_pdf
from isogov.events import services
from isogov.events.models import Attendee, Event, EventKind
from isogov.programme.models import Activity, PlanStatus
from isogov.qms.states import QmsState as S
from isogov.registry.models import Agency, AgencyKind
from isogov.training.demo import (
    LEAD_POSITIONS,
    SECRETARY_POSITION,
    anchor_date,
    demo_agencies,
    programme_lead,
)

LAUNCH_AGENDA = """1. Khai mạc, giới thiệu đại biểu
2. Quán triệt Quyết định 19/2014/QĐ-TTg và Quyết định 101/QĐ-BKHCN về mô hình khung
3. Triển khai Kế hoạch duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015
4. Phân công nhiệm vụ: đào tạo, kiểm tra 30 cơ quan, báo cáo định kỳ
5. Thảo luận, giải đáp vướng mắc của các cơ quan, đơn vị
6. Bế mạc"""
TALK_AGENDA = """1. Lợi ích của việc áp dụng HTQLCL trong giải quyết thủ tục hành chính
2. Kinh nghiệm xây dựng tài liệu theo mô hình khung
3. Trao đổi, giải đáp"""


def _activity(anchor: dt.date) -> Activity | None:
    """Activity (1), conference and communication, of the approved plan the story is in, if the programme demo
    made one. Never a draft's: the draft next plan renumbers what it carries, so its (1) is another activity."""
    approved = Activity.objects.filter(number=1, plan__status=PlanStatus.APPROVED, start_date__lte=anchor)
    current = approved.filter(plan__start_year__lte=anchor.year, plan__end_year__gte=anchor.year)
    return (current.order_by("-plan__start_year", "-id").first()
            or approved.order_by("-plan__start_year", "-id").first())


def _days(anchor: dt.date, activity: Activity | None) -> list[dt.date]:
    """The three events' days: within the activity they belong to, or over the year before `anchor`."""
    if activity is None:
        return [anchor - dt.timedelta(days=n) for n in (300, 200, 90)]
    start, end = activity.start_date, min(activity.end_date, anchor)
    return [start + dt.timedelta(days=round(share * (end - start).days)) for share in (0.2, 0.55, 0.85)]


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    counts = {"events": 0, "invitations": 0, "attendees": 0, "materials": 0}
    agencies = demo_agencies()
    if Event.objects.exists() or not agencies:
        return counts
    host = programme_lead(agencies)
    anchor = anchor_date()  # before the clock below stands in for today
    clock = HistoricClock(rng, anchor)
    activity = _activity(anchor)
    launch_day, commune_day, talk_day = _days(anchor, activity)
    common = {"actor": actor, "rng": rng, "clock": clock, "counts": counts,
              "organiser": host, "activity": activity}
    communes = [a for a in agencies if a.kind == AgencyKind.COMMUNE_COMMITTEE] or agencies
    upper = [a for a in agencies if a.kind != AgencyKind.COMMUNE_COMMITTEE]
    with clock.running():
        # The plan runs for the year the story reaches; its launch conference opens that year.
        launch = _event(
            **common, kind=EventKind.LAUNCH, day=launch_day, place=f"Hội trường {host.name}",
            title=f"Hội nghị triển khai Kế hoạch duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015 "
                  f"năm {launch_day.year}",
            agenda=LAUNCH_AGENDA, invited=agencies, per_agency=(1, 2),
            # Most agencies came; those that had not started their QMS often sent nobody.
            came=lambda a: rng.random() < (0.5 if a.qms_state == S.NOT_STARTED else 0.94))
        services.material_add(actor=actor, event=launch, title="Chương trình hội nghị",
                              upload=_agenda_pdf(launch.date, host))
        counts["materials"] += 1
        _event(**common, kind=EventKind.COMMUNICATION, day=commune_day,
               place="Hội trường UBND tỉnh", agenda=TALK_AGENDA, invited=communes, per_agency=(1, 1),
               title="Hội nghị tuyên truyền, phổ biến mô hình khung HTQLCL theo TCVN ISO 9001:2015 cho cấp xã",
               came=lambda a: rng.random() < 0.78)
        _event(**common, kind=EventKind.COMMUNICATION, day=talk_day,
               place=f"Hội trường {host.name}", invited=upper, per_agency=(1, 1),
               title="Tọa đàm chia sẻ kinh nghiệm duy trì, cải tiến HTQLCL gắn với cải cách hành chính",
               agenda="1. Báo cáo kết quả áp dụng HTQLCL\n2. Chia sẻ kinh nghiệm của các sở, ngành và huyện\n"
                      "3. Thảo luận",
               came=lambda a: rng.random() < 0.85)
    return counts


def _event(*, actor, rng, clock: HistoricClock, counts: dict, day: dt.date, invited: list[Agency], came,
           per_agency: tuple[int, int], **fields) -> Event:
    """One event, dated as it happened: announced three weeks ahead, its lists entered on the day."""
    day = _weekday(day)
    clock.restart(day - dt.timedelta(days=21))
    event = services.event_create(actor=actor, date=day, invited=invited, **fields)
    clock.at(day)
    present = [a for a in invited if came(a)]
    services.attendance_set(actor=actor, event=event, attending=present)
    attendees = _attendees(event, present, rng=rng, per_agency=per_agency)
    Attendee.objects.bulk_create(attendees, batch_size=500)
    if any(p.pk is None for p in attendees):  # databases that do not return ids from a bulk insert
        ids = {(p.agency_id, p.name_key): p.pk for p in Attendee.objects.filter(event=event)}
        for p in attendees:
            p.pk = ids[(p.agency_id, p.name_key)]
    audit_record_many(actor=actor, entries=[
        Entry(Action.CREATE, p, agency=p.agency, changes={"event": event, "agency": p.agency.code,
                                                          "full_name": p.full_name, "position": p.position})
        for p in attendees])
    counts["events"] += 1
    counts["invitations"] += len(invited)
    counts["attendees"] += len(attendees)
    return event


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _attendees(event: Event, came: list[Agency], *, rng: random.Random, per_agency: tuple[int, int]):
    result = []
    for agency in came:
        names = set()
        for index in range(rng.randint(*per_agency)):
            if index == 0 and agency.iso_secretary and rng.random() < 0.4:
                name, position = agency.iso_secretary, SECRETARY_POSITION
            else:
                name, position = people.person(rng), LEAD_POSITIONS.get(agency.kind, "Phó Thủ trưởng")
            if fold(name) in names:
                continue
            names.add(fold(name))
            result.append(Attendee(event=event, agency=agency, full_name=name, name_key=fold(name),
                                   position=position))
    return result


def _agenda_pdf(day: dt.date, host: Agency) -> SimpleUploadedFile:
    content = one_page_pdf([
        "CHUONG TRINH HOI NGHI",
        "Trien khai Ke hoach duy tri, ap dung va cai tien HTQLCL theo TCVN ISO 9001:2015",
        f"Ngay {day:%d/%m/%Y} tai {host.name}",
        *LAUNCH_AGENDA.splitlines(),
        "(Du lieu minh hoa cua ban demo isogov)",
    ])
    return SimpleUploadedFile(f"chuong-trinh-hoi-nghi-{day.year}.pdf", content, content_type="application/pdf")
