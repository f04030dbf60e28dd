import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import path_for, search_text_for
from isogov.training.models import Course, Session, Trainee
from isogov.training.tests.helpers import course, session, trainee

pytestmark = pytest.mark.django_db


def state():
    return (list(Course.objects.values()), list(Session.objects.values()), list(Trainee.objects.values()),
            AuditEvent.objects.count())


@pytest.fixture
def sess(province):
    s = session(course(province))
    trainee(s, province.d842, "Nguyễn Văn An", secretary=True, certificate="01")
    trainee(s, province.c29242, "Thạch Thị Lan")
    trainee(s, province.d844, "Kim Văn Sơn")
    trainee(s, province.stp, "Lê Thị Hoa")
    return s


def test_lead_creates_a_course_a_session_and_a_trainee(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("training:course_create"), {
        "title": "Đánh giá viên nội bộ", "topic": "internal_audit", "organiser": "SKHCN", "trainers": "Phạm Bảo"})
    c = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("training:course_detail", args=[c.pk])
    response = client.post(reverse("training:session_create", args=[c.pk]), {
        "start_date": "15/06/2020", "end_date": "16/06/2020", "place": "Hội trường UBND tỉnh"})
    s = Session.objects.get()
    assert response.status_code == 302 and s.end_date == dt.date(2020, 6, 16)
    response = client.post(reverse("training:trainee_add", args=[s.pk]), {
        "full_name": "Trần Thị Bé", "agency": "842", "completed": "on", "certificate_number": "A-1"})
    assert response.status_code == 302 and Trainee.objects.get().agency == province.d842
    html = client.get(reverse("training:session_detail", args=[s.pk])).content.decode()
    assert "Trần Thị Bé" in html and "15/06/2020–16/06/2020" in html


def test_refused_forms_reshow_what_was_typed(province, as_user, sess):
    client = as_user(province.admin)
    response = client.post(reverse("training:trainee_add", args=[sess.pk]), {
        "full_name": "Phan Văn Tí", "agency": "842", "certificate_number": "01", "completed": "on"})
    html = response.content.decode()
    assert response.status_code == 400 and "Phan Văn Tí" in html and "already given to Nguyễn Văn An" in html
    response = client.post(reverse("training:session_create", args=[sess.course_id]), {
        "start_date": "31/02/2020", "place": "Nhà văn hóa"})
    html = response.content.decode()
    assert response.status_code == 400 and "31/02/2020" in html and "Nhà văn hóa" in html
    response = client.post(reverse("training:trainee_add", args=[sess.pk]), {"full_name": "X", "agency": "NOPE"})
    assert response.status_code == 400 and "No agency you may choose has the code NOPE" in response.content.decode()
    assert Trainee.objects.count() == 4


@pytest.mark.parametrize("who", ["alice", "alice_head", "bob", "charlie", "inspector", "viewer"])
def test_only_the_lead_writes(province, as_user, sess, who):
    client = as_user(getattr(province, who))
    t = Trainee.objects.get(agency=province.d842)
    before = state()
    assert client.get(reverse("training:course_create")).status_code == 403
    assert client.post(reverse("training:course_create"), {
        "title": "X", "topic": "other", "organiser": "SKHCN"}).status_code == 403
    assert client.post(reverse("training:course_edit", args=[sess.course_id]), {
        "title": "X", "topic": "other", "organiser": "SKHCN"}).status_code == 403
    assert client.post(reverse("training:session_create", args=[sess.course_id]), {
        "start_date": "01/01/2020", "place": "X"}).status_code == 403
    assert client.post(reverse("training:session_edit", args=[sess.pk]), {
        "start_date": "01/01/2020", "place": "X"}).status_code == 403
    assert client.post(reverse("training:trainee_add", args=[sess.pk]), {
        "full_name": "X", "agency": "842"}).status_code == 403
    # A trainee of an agency the user may not read does not exist for them.
    expected = 404 if who in ("bob", "charlie") else 403
    assert client.post(reverse("training:trainee_edit", args=[t.pk]), {
        "full_name": "X", "agency": "842"}).status_code == expected
    assert client.post(reverse("training:trainee_remove", args=[t.pk])).status_code == expected
    assert client.post(reverse("training:session_import", args=[sess.pk])).status_code == 403
    assert state() == before


def test_agency_users_see_only_their_trainees(province, as_user, sess):
    html = as_user(province.alice).get(reverse("training:session_detail", args=[sess.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "Thạch Thị Lan" in html
    assert "Kim Văn Sơn" not in html and "Lê Thị Hoa" not in html and "Add a trainee" not in html
    html = as_user(province.bob).get(reverse("training:session_detail", args=[sess.pk])).content.decode()
    assert "Kim Văn Sơn" in html and "Nguyễn Văn An" not in html
    html = as_user(province.viewer).get(reverse("training:session_detail", args=[sess.pk])).content.decode()
    assert all(n in html for n in ("Nguyễn Văn An", "Kim Văn Sơn", "Lê Thị Hoa"))
    # The course list counts only the trainees the user may see.
    html = as_user(province.alice).get(reverse("training:course_detail", args=[sess.course_id])).content.decode()
    assert '<td class="num">2</td>' in html


def test_agency_page(province, as_user, sess):
    html = as_user(province.alice).get(reverse("training:agency_index", args=["842"])).content.decode()
    assert "Nguyễn Văn An" in html and "not covered yet" in html and 'class="tabs"' in html
    assert as_user(province.bob).get(reverse("training:agency_index", args=["842"])).status_code == 404
    assert as_user(province.inspector).get(reverse("training:agency_index", args=["842"])).status_code == 200


def test_coverage_page_takes_the_threshold_as_a_parameter(province, as_user, sess):
    client = as_user(province.viewer)
    html = client.get(reverse("training:coverage")).content.decode()
    assert "7 agencies with too few trained staff" in html and "<svg" in html
    html = client.get(reverse("training:coverage"), {"min": "1"}).content.decode()
    # One trained person each in 842, 29242, 844 and STP: SKHCN, 29245 and 29278 have nobody.
    assert "3 agencies with too few trained staff" in html
    html = client.get(reverse("training:coverage"), {"min": "1", "tier": "commune"}).content.decode()
    assert "2 agencies with too few trained staff" in html
    response = client.get(reverse("training:coverage"), {"min": "lots", "tier": "nowhere"})
    assert response.status_code == 400 and "Enter a whole number" in response.content.decode()
    html = as_user(province.alice).get(reverse("training:coverage")).content.decode()
    assert "3 agencies with too few trained staff" in html and "Sở Tư pháp" not in html


def grow(province, n):
    """n more communes under 842, each with two trainees on a new session of a new course."""
    commune = province.tiers["commune"]
    Agency.objects.bulk_create([
        Agency(code=f"X{i:05d}", name=f"Xã Số {i}", tier=commune, parent=province.d842,
               kind=AgencyKind.COMMUNE_COMMITTEE,
               path=path_for(f"X{i:05d}", province.d842), search_text=search_text_for(f"X{i:05d}", f"Xã Số {i}"))
        for i in range(Agency.objects.filter(code__startswith="X").count(), n)])
    s = session(course(province, title=f"Khóa {n}"))
    Trainee.objects.bulk_create([Trainee(session=s, course=s.course, agency=a, full_name=f"Người {k}",
                                         name_key=f"nguoi {k}", completed=k == 0)
                                 for a in Agency.objects.filter(code__startswith="X") for k in range(2)])
    return s


@pytest.mark.parametrize("who", ["admin", "alice"])
def test_list_pages_cost_the_same_queries_small_and_large(province, as_user, who):
    client = as_user(getattr(province, who))
    s = grow(province, 2)

    def pages():
        return [reverse("training:index"), reverse("training:coverage") + "?min=1",
                reverse("training:course_detail", args=[s.course_id]), reverse("training:session_detail", args=[s.pk]),
                reverse("training:agency_index", args=["842"])]

    def counts():
        result = []
        for url in pages():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    small = counts()
    grow(province, 150)
    Trainee.objects.bulk_create([Trainee(session=s, course=s.course, agency=province.d842, full_name=f"Cán bộ {k}",
                                         name_key=f"can bo {k}", completed=True) for k in range(50)])
    assert counts() == small


def test_pages_render_in_vietnamese(province, as_user, sess, vietnamese):
    client = as_user(province.admin)
    for url in (reverse("training:index"), reverse("training:coverage"), reverse("training:course_detail",
                args=[sess.course_id]), reverse("training:session_detail", args=[sess.pk]),
                reverse("training:session_import", args=[sess.pk]), reverse("training:agency_index", args=["842"])):
        response = client.get(url)
        assert response.status_code == 200 and 'lang="vi"' in response.content.decode(), url


# session, user, [the reader's agency, and the ids of the agencies she reads for the courses' counts], the coverage
# (one grouped query), the tiers named, the course count and page, the top bar's notifications
@pytest.mark.parametrize("who, queries", [("admin", 7), ("alice", 9)])
def test_index_query_count_is_the_same_small_and_large(province, as_user, django_assert_num_queries, who, queries):
    client = as_user(getattr(province, who))
    grow(province, 2)
    with django_assert_num_queries(queries):
        assert client.get(reverse("training:index")).status_code == 200
    for n in (60, 120):
        grow(province, n)
    with django_assert_num_queries(queries):
        response = client.get(reverse("training:index"))
    assert len(response.context["courses"]) == 3


def test_index_pages_the_courses_newest_first_with_counts_in_the_readers_scope(province, monkeypatch):
    from django.test import Client

    from isogov.conftest import login
    from isogov.training import views

    monkeypatch.setattr(views, "COURSE_PAGE_SIZE", 2)
    s = grow(province, 3)  # three communes under 842, two trainees each (one completed), on a new course
    trainee(session(s.course), province.d844, "Kim Văn Sơn", completed=True)  # a second session, in 844
    for i in range(2):
        course(province, title=f"Khóa cũ {i}")
    lead, alice = login(Client(), province.admin), login(Client(), province.alice)

    def rows(client, page):
        response = client.get(reverse("training:index"), {"page": page})
        assert response.status_code == 200
        return [(c.title, c.session_count, c.trainee_count, c.completed_count) for c in response.context["courses"]]

    assert rows(lead, 1) == [("Khóa cũ 1", 0, 0, 0), ("Khóa cũ 0", 0, 0, 0)]
    assert rows(lead, 2) == [("Khóa 3", 2, 7, 4)]
    assert "Page 2 of 2" in lead.get(reverse("training:index"), {"page": 2}).content.decode()
    assert rows(alice, 2) == [("Khóa 3", 2, 6, 3)]  # 844's trainee is not hers: the sessions are everyone's
