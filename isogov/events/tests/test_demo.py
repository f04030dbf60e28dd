import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

import pytest

from isogov.audit.models import AuditEvent
from isogov.events import demo, selectors
from isogov.events.models import Attendee, Event, Material
from isogov.qms.models import Transition
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}


def test_demo_events_are_realistic_and_idempotent(province):
    Agency.objects.exclude(code="844").update(qms_state="maintaining")
    started = time.monotonic()
    counts = demo.load_demo(actor=province.admin, rng=random.Random(3))
    assert time.monotonic() - started < 10
    assert counts["events"] == 3 == Event.objects.count()
    assert counts["attendees"] == Attendee.objects.count() > 0 and Material.objects.count() == 1
    launch = Event.objects.get(kind="launch")
    assert launch.title.startswith("Hội nghị triển khai Kế hoạch duy trì") and launch.invited.count() == 7
    assert launch.place == "Hội trường Sở Khoa học và Công nghệ"
    assert Event.objects.filter(kind="communication").count() == 2
    rates = selectors.attendance_by_tier(user=province.viewer, events=Event.objects.filter(pk=launch.pk))
    assert rates["total"]["attended"] >= 3  # most agencies came
    assert AuditEvent.objects.filter(object_type="events.attendee").count() == counts["attendees"]
    before = (Event.objects.count(), Attendee.objects.count(), AuditEvent.objects.count())
    assert not any(demo.load_demo(actor=province.admin, rng=random.Random(3)).values())
    assert (Event.objects.count(), Attendee.objects.count(), AuditEvent.objects.count()) == before


def test_demo_is_dated_by_the_province_history(province):
    """The story of the Trà Vinh plan ends in late 2020: the records and their audit trail are dated then."""
    Agency.objects.update(qms_state="maintaining")
    Transition.objects.create(agency=province.skhcn, from_state="announced", to_state="maintaining",
                              at=dt.datetime(2020, 11, 30, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    demo.load_demo(actor=province.admin, rng=random.Random(5))
    assert set(Event.objects.values_list("date__year", flat=True)) == {2020}
    stamps = AuditEvent.objects.filter(
        object_type__in=["events.event", "events.attendee", "events.material"]).values_list("at", flat=True)
    assert stamps and all(dt.date(2019, 12, 1) <= s.date() <= dt.date(2020, 11, 30) for s in stamps)


def test_demo_events_belong_to_activity_1_of_the_approved_plan(province):
    """The programme demo runs first. Its draft next plan renumbers what it carries, so the draft's (1) is
    "Duy trì HTQLCL", not the conference: the events go to the approved plan's (1), within its dates."""
    from isogov.programme import rollover
    from isogov.programme.tests.helpers import build_plan

    Agency.objects.update(qms_state="maintaining")
    Transition.objects.create(agency=province.skhcn, from_state="announced", to_state="maintaining",
                              at=dt.datetime(2020, 11, 30, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    built = build_plan(province)
    draft = rollover.plan_draft_next(plan=built.plan, actor=province.admin, start_year=2021, end_year=2021)
    assert draft.activities.get(number=1).title == "Duy trì HTQLCL"
    conference = built.activities[0]  # (1) Hội nghị triển khai, 01/02–31/03/2020
    demo.load_demo(actor=province.admin, rng=random.Random(5))
    events = list(Event.objects.order_by("date"))
    assert [e.kind for e in events] == ["launch", "communication", "communication"]
    assert {e.activity_id for e in events} == {conference.pk}
    assert all(conference.start_date <= e.date <= conference.end_date for e in events)
    assert events[0].title.endswith("năm 2020")
