import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from isogov.audit.models import AuditEvent
from isogov.events import selectors, services
from isogov.events.models import Attendee, Event
from isogov.events.tests.helpers import event

pytestmark = pytest.mark.django_db


def test_event_create_and_update_are_audit_logged(province):
    p = province
    e = event(p, invited=[p.d842, p.stp])
    created = AuditEvent.objects.get(object_type="events.event", action="create")
    assert created.changes["invited"] == ["842", "STP"] and created.agency_id == p.skhcn.pk
    services.event_update(actor=p.admin, event=e, title=e.title, kind=e.kind, date=e.date, place="UBND tỉnh",
                          organiser=p.skhcn, agenda=e.agenda, invited=[p.d842, p.d844])
    updated = AuditEvent.objects.get(object_type="events.event", action="update")
    assert updated.changes == {"place": ["Hội trường Sở KH&CN", "UBND tỉnh"],
                               "invited": [["842", "STP"], ["842", "844"]]}
    # Saving the same values again records nothing.
    services.event_update(actor=p.admin, event=e, title=e.title, kind=e.kind, date=e.date, place="UBND tỉnh",
                          organiser=p.skhcn, agenda=e.agenda, invited=[p.d844, p.d842])
    assert AuditEvent.objects.filter(object_type="events.event").count() == 2


def test_event_refusals(province):
    with pytest.raises(ValidationError) as exc:
        services.event_create(actor=None, title="", kind="party", date=None, place=" ", organiser=None)
    assert set(exc.value.message_dict) == {"title", "kind", "date", "place", "organiser"}
    assert not Event.objects.exists()


def test_an_attendee_makes_the_agency_attend_and_keeps_it_there(province):
    p = province
    e = event(p, invited=[p.d842, p.c29242])
    services.attendee_add(actor=p.admin, event=e, agency=p.c29242, full_name="Thạch Thị Lan", position="Công chức")
    assert list(e.attending.values_list("code", flat=True)) == ["29242"]
    with pytest.raises(ValidationError) as exc:
        services.attendee_add(actor=p.admin, event=e, agency=p.c29242, full_name="THACH THI LAN")
    assert "already on the list" in exc.value.message_dict["full_name"][0]
    with pytest.raises(ValidationError) as exc:
        services.attendance_set(actor=p.admin, event=e, attending=[p.d842])
    assert "29242 Phường 4" in exc.value.message_dict["attending"][0]
    services.attendance_set(actor=p.admin, event=e, attending=[p.d842, p.c29242, p.d844])
    assert sorted(e.attending.values_list("code", flat=True)) == ["29242", "842", "844"]
    assert AuditEvent.objects.get(note="Attendance recorded").changes == {
        "attending": [["29242"], ["29242", "842", "844"]]}
    services.attendee_remove(actor=p.admin, attendee=Attendee.objects.get())
    assert AuditEvent.objects.filter(object_type="events.attendee").count() == 2


def test_attendance_by_tier_worked_by_hand(province):
    p = province
    launch = event(p, invited=[p.skhcn, p.stp, p.d842, p.d844, p.c29242, p.c29245, p.c29278])
    services.attendance_set(actor=p.admin, event=launch, attending=[p.skhcn, p.stp, p.d842, p.c29242])
    talk = event(p, title="Tuyên truyền ISO", invited=[p.d842, p.c29245])
    services.attendance_set(actor=p.admin, event=talk, attending=[p.d842, p.c29278])  # 29278 uninvited
    one = selectors.attendance_by_tier(user=p.viewer, events=Event.objects.filter(pk=launch.pk))
    # launch: province 2 invited, 2 came; district 842+844 invited, 842 came; communes 3 invited, 29242 came.
    assert [(str(r["tier"].code), r["invited"], r["attended"], r["rate"], r["uninvited"]) for r in one["rows"]] == [
        ("province", 2, 2, 100, 0), ("district", 2, 1, 50, 0), ("commune", 3, 1, 33, 0)]
    assert one["total"] == {"invited": 7, "attended": 4, "uninvited": 0, "rate": 57}
    both = selectors.attendance_by_tier(user=p.viewer, events=Event.objects.all())
    # Adding the talk: district 3 invitations, 2 honoured; communes 4 invitations, 1 honoured, 29278 uninvited.
    assert [(r["invited"], r["attended"], r["uninvited"]) for r in both["rows"]] == [(2, 2, 0), (3, 2, 0), (4, 1, 1)]
    mine = selectors.attendance_by_tier(user=p.alice, events=selectors.events_readable(user=p.alice))
    # alice reads 842, 29242, 29245: 842 invited twice and came twice; 29242 and 29245 invited, 29242 came once.
    assert [(r["invited"], r["attended"], r["uninvited"]) for r in mine["rows"]] == [(2, 2, 0), (3, 1, 0)]


def test_agency_users_read_only_events_of_their_agencies(province):
    p = province
    mine = event(p, invited=[p.c29245])
    theirs = event(p, title="Hội thảo", invited=[p.stp])
    lone = event(p, title="Truyền thông")
    assert set(selectors.events_readable(user=p.alice)) == {mine}
    assert set(selectors.events_readable(user=p.charlie)) == {theirs}
    assert set(selectors.events_readable(user=p.bob)) == set()
    assert set(selectors.events_readable(user=p.inspector)) == {mine, theirs, lone}
    services.attendance_set(actor=p.admin, event=lone, attending=[p.d844])
    assert set(selectors.events_readable(user=p.bob)) == {lone}
    assert not Event.objects.filter(~Q(pk__in=[mine.pk, theirs.pk, lone.pk])).exists()


def test_attendance_by_tier_costs_three_queries(province, django_assert_num_queries):
    p = province
    e = event(p, invited=[p.skhcn, p.d842])
    services.attendance_set(actor=p.admin, event=e, attending=[p.d842, p.c29278])
    with django_assert_num_queries(3):
        small = selectors.attendance_by_tier(user=p.viewer, events=Event.objects.all())
    for n in range(30):
        other = event(p, title=f"Sự kiện {n}", invited=[p.stp, p.d844, p.c29242, p.c29245])
        other.attending.set([p.stp, p.c29245, p.c29278])
    with django_assert_num_queries(3):
        large = selectors.attendance_by_tier(user=p.viewer, events=Event.objects.all())
    # First event: 2 invited, 842 came, 29278 uninvited. Each of the 30 others: 4 invited, STP and 29245 came,
    # 29278 uninvited. So 2 + 120 invitations, 1 + 60 honoured (50%), 1 + 30 uninvited.
    assert small["total"]["invited"] == 2 and large["total"] == {"invited": 122, "attended": 61, "uninvited": 31,
                                                                 "rate": 50}
