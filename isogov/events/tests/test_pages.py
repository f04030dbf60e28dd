import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.events import services
from isogov.events.models import Attendee, Event, Material
from isogov.events.tests.helpers import event
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import path_for, search_text_for

pytestmark = pytest.mark.django_db


def state():
    return (list(Event.objects.values()), list(Event.invited.through.objects.values()),
            list(Event.attending.through.objects.values()), list(Attendee.objects.values()),
            list(Material.objects.values()), AuditEvent.objects.count())


@pytest.fixture
def launch(province):
    p = province
    e = event(p, invited=[p.skhcn, p.stp, p.d842, p.c29242, p.d844])
    services.attendee_add(actor=p.admin, event=e, agency=p.d842, full_name="Nguyễn Văn An", position="Phó Chủ tịch")
    services.attendee_add(actor=p.admin, event=e, agency=p.stp, full_name="Lê Thị Hoa")
    return e


def test_lead_creates_an_event_inviting_whole_tiers(province, as_user):
    client = as_user(province.admin)
    assert 'value="SKHCN" selected' in client.get(reverse("events:event_create")).content.decode()
    response = client.post(reverse("events:event_create"), {
        "title": "Hội nghị triển khai", "kind": "launch", "date": "20/02/2020", "place": "Sở KH&CN",
        "organiser": "SKHCN", "invite_tiers": ["commune"], "invited": ["STP"], "agenda": "Khai mạc"})
    e = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events:event_detail", args=[e.pk])
    assert sorted(e.invited.values_list("code", flat=True)) == ["29242", "29245", "29278", "STP"]


def test_refused_event_form_reshows_what_was_typed(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("events:event_create"), {
        "title": "Hội nghị tuyên truyền", "kind": "launch", "date": "30/02/2020", "place": "Nhà văn hóa",
        "organiser": "SKHCN", "invited": ["STP", "NOPE"]})
    html = response.content.decode()
    assert response.status_code == 400 and "Hội nghị tuyên truyền" in html and "30/02/2020" in html
    assert "No active agency has the code NOPE" in html and not Event.objects.exists()


def test_event_page_shows_each_user_their_agencies(province, as_user, launch):
    url = reverse("events:event_detail", args=[launch.pk])
    html = as_user(province.alice).get(url).content.decode()
    assert "Nguyễn Văn An" in html and "Lê Thị Hoa" not in html and "Sở Tư pháp" not in html
    assert "Add an attendee" not in html and "<svg" in html
    html = as_user(province.viewer).get(url).content.decode()
    assert "Nguyễn Văn An" in html and "Lê Thị Hoa" in html
    assert as_user(province.charlie).get(url).status_code == 200  # STP was invited
    other = event(province, title="Hội thảo riêng", invited=[province.stp])
    assert as_user(province.alice).get(reverse("events:event_detail", args=[other.pk])).status_code == 404
    html = as_user(province.alice).get(reverse("events:index")).content.decode()
    assert launch.title in html and "Hội thảo riêng" not in html


@pytest.mark.parametrize("who, expected", [("alice", 403), ("alice_head", 403), ("charlie", 403), ("viewer", 403),
                                           ("inspector", 403), ("bob", 403)])
def test_only_the_lead_writes(province, as_user, launch, who, expected):
    client = as_user(getattr(province, who))
    attendee = Attendee.objects.first()
    before = state()
    assert client.post(reverse("events:event_create"), {"title": "X"}).status_code == 403
    for name in ("event_edit", "attendance", "attendee_add", "material_add"):
        assert client.post(reverse(f"events:{name}", args=[launch.pk]), {"title": "X"}).status_code == expected
    assert client.post(reverse("events:attendee_remove", args=[attendee.pk])).status_code == expected
    assert state() == before


def test_outsiders_get_404_on_events_they_may_not_read(province, as_user):
    p = province
    e = event(p, invited=[p.d842])
    services.attendee_add(actor=p.admin, event=e, agency=p.d842, full_name="Nguyễn Văn An")
    before = state()
    client = as_user(p.charlie)
    assert client.get(reverse("events:event_detail", args=[e.pk])).status_code == 404
    for name in ("event_edit", "attendance", "attendee_add", "material_add"):
        assert client.post(reverse(f"events:{name}", args=[e.pk]), {"title": "X"}).status_code == 404
    assert client.post(reverse("events:attendee_remove", args=[Attendee.objects.get().pk])).status_code == 404
    assert state() == before


def test_attendance_page(province, as_user, launch):
    client = as_user(province.admin)
    url = reverse("events:attendance", args=[launch.pk])
    html = client.get(url).content.decode()
    assert html.count('type="checkbox"') == 5
    response = client.post(url, {"attending": [province.d842.pk, province.stp.pk, province.skhcn.pk],
                                 "other_codes": "29278"})
    assert response.status_code == 302
    assert sorted(launch.attending.values_list("code", flat=True)) == ["29278", "842", "SKHCN", "STP"]
    response = client.post(url, {"attending": [province.skhcn.pk], "other_codes": "29278 XYZ"})
    html = response.content.decode()
    assert response.status_code == 400 and "XYZ" in html
    response = client.post(url, {"attending": [province.skhcn.pk]})
    assert response.status_code == 400 and "have attendees on the list" in response.content.decode()


def test_attendee_form_errors_reshow_the_event_page(province, as_user, launch):
    response = as_user(province.admin).post(reverse("events:attendee_add", args=[launch.pk]), {
        "full_name": "nguyen van an", "agency": "842", "position": "Chánh Văn phòng"})
    html = response.content.decode()
    assert response.status_code == 400 and "already on the list" in html and "Chánh Văn phòng" in html


def test_agency_page(province, as_user, launch):
    html = as_user(province.alice).get(reverse("events:agency_index", args=["842"])).content.decode()
    assert launch.title in html and "Nguyễn Văn An" in html and 'class="tabs"' in html
    assert as_user(province.bob).get(reverse("events:agency_index", args=["842"])).status_code == 404


def grow(province, n):
    commune = province.tiers["commune"]
    start = Agency.objects.filter(code__startswith="X").count()
    Agency.objects.bulk_create([
        Agency(code=f"X{i:05d}", name=f"Xã Số {i}", tier=commune, parent=province.d842,
               kind=AgencyKind.COMMUNE_COMMITTEE,
               path=path_for(f"X{i:05d}", province.d842), search_text=search_text_for(f"X{i:05d}", f"Xã Số {i}"))
        for i in range(start, n)])
    agencies = list(Agency.objects.filter(code__startswith="X"))
    e = event(province, title=f"Sự kiện {n}", invited=agencies + [province.d842])
    e.attending.set(agencies[::2])
    Attendee.objects.bulk_create([Attendee(event=e, agency=a, full_name=f"Người {a.code}", name_key=a.code.lower())
                                  for a in agencies])
    return e


@pytest.mark.parametrize("who", ["admin", "alice"])
def test_pages_cost_the_same_queries_small_and_large(province, as_user, who):
    client = as_user(getattr(province, who))
    e = grow(province, 2)

    def counts():
        result = []
        for url in (reverse("events:index"), reverse("events:event_detail", args=[e.pk]),
                    reverse("events:agency_index", args=["842"]), reverse("events:agency_index", args=["X00001"])):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    small = counts()
    grow(province, 120)
    e.invited.add(*Agency.objects.filter(code__startswith="X"))
    Attendee.objects.bulk_create([Attendee(event=e, agency=province.d842, full_name=f"Cán bộ {k}",
                                           name_key=f"can bo {k}") for k in range(40)])
    assert counts() == small


def test_pages_render_in_vietnamese(province, as_user, launch, vietnamese):
    client = as_user(province.admin)
    for url in (reverse("events:index"), reverse("events:event_create"), reverse("events:event_detail",
                args=[launch.pk]), reverse("events:event_edit", args=[launch.pk]),
                reverse("events:attendance", args=[launch.pk]), reverse("events:agency_index", args=["842"])):
        response = client.get(url)
        assert response.status_code == 200 and 'lang="vi"' in response.content.decode(), url


def test_an_event_links_to_a_programme_activity(province, as_user):
    import datetime as dt

    from isogov.programme.models import Activity, Plan

    plan = Plan.objects.create(title="Kế hoạch 2020", start_year=2020, end_year=2020, lead_unit=province.skhcn)
    activity = Activity.objects.create(plan=plan, number=1, title="Hội nghị triển khai và tuyên truyền",
                                       start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 3, 31))
    client = as_user(province.admin)
    response = client.post(reverse("events:event_create"), {
        "title": "Hội nghị triển khai", "kind": "launch", "date": "20/02/2020", "place": "Sở KH&CN",
        "organiser": "SKHCN", "activity": activity.pk})
    assert response.status_code == 302 and Event.objects.get().activity == activity
    html = client.get(reverse("events:index")).content.decode()
    assert "(1) Hội nghị triển khai và tuyên truyền" in html
