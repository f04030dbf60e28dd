"""Issue 7, defect 2: the trail names fields in the reader's language and objects by their names, including
objects since deleted, and files by the name they were uploaded with, never by id or storage path."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.audit.models import Action, AuditEvent
from isogov.core.tests.files import pdf
from isogov.programme import services as programme
from isogov.reviews import services as reviews
from isogov.reviews.tests.helpers import plan as review_plan
from isogov.risks import services as risks

pytestmark = pytest.mark.django_db
URL = "/audit/"


def _changes(response, object_type: str, action: str) -> list[dict]:
    return next(r["changes"] for r in response.context["rows"]
                if r["event"].object_type == object_type and r["event"].action == action)


def _vietnamese(client):
    client.post(reverse("set_language"), {"language": "vi", "next": URL})
    return client


def test_the_lead_unit_is_named_in_vietnamese(province, as_user):
    programme.plan_create(actor=province.admin, title="Kế hoạch ISO 2020", start_year=2020, end_year=2020,
                          lead_unit=province.skhcn, decision_file=pdf("Quyết định số 99.pdf"))
    client = _vietnamese(as_user(province.admin))
    response = client.get(URL, {"object_type": "programme.plan"})
    rows = {r["field"]: r["after"] for r in _changes(response, "programme.plan", Action.CREATE)}
    assert rows["Đơn vị chủ trì"] == "Sở Khoa học và Công nghệ"
    assert rows["Quyết định đã ký (PDF)"] == "Quyết định số 99.pdf"
    html = response.content.decode()
    assert f"Đơn vị chủ trì: {province.skhcn.pk}" not in html and "programme/decisions" not in html


def test_a_deleted_objects_name_stays_as_it_was(province, as_user):
    risk = risks.risk_create(agency=province.d842, actor=province.alice, kind="risk", description="Hồ sơ thất lạc",
                             likelihood=3, impact=4, owner="Văn phòng", review_date=dt.date(2026, 12, 31))
    risks.action_add(risk=risk, actor=province.alice, description="Lập sổ theo dõi", owner="Văn phòng",
                     due_date=dt.date(2026, 6, 30))
    review = review_plan(province.d842, province.alice)
    reviews.action_add(review=review, actor=province.alice, kind="improvement", description="Mở rộng phạm vi",
                       owner="Văn phòng", due_date=dt.date(2026, 9, 30))
    risks.risk_delete(risk=risk, actor=province.alice)
    reviews.review_delete(review=review, actor=province.alice)
    client = _vietnamese(as_user(province.alice))
    response = client.get(URL, {"agency": "842"})
    for object_type, label, name in (("risks.riskaction", "Rủi ro hoặc cơ hội", "Hồ sơ thất lạc"),
                                     ("reviews.reviewaction", "Cuộc họp xem xét của lãnh đạo", "10/03/2026")):
        for action in (Action.CREATE, Action.DELETE):
            rows = {r["field"]: r["after"] for r in _changes(response, object_type, action)}
            assert rows[label] == name, (object_type, action, rows)
    html = response.content.decode()
    assert f"Review: {review.pk}" not in html and f"Risk: {risk.pk}" not in html


def _old_event(agency, object_type, changes, minutes=0):
    return AuditEvent(at=timezone.now() - dt.timedelta(minutes=minutes), actor_name="lead", action=Action.CREATE,
                      object_type=object_type, object_id="1", object_repr="x", agency=agency, changes=changes)


def test_events_that_stored_only_a_pk_are_named_with_a_flat_page_cost(province, client, django_assert_num_queries):
    """Events written before names were stored: one query per kind of object on the page, whatever its length."""
    review = review_plan(province.d842, province.alice)
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    params = {"object_type": "reviews.reviewaction"}

    def trail(count):
        AuditEvent.objects.filter(object_type="reviews.reviewaction").delete()
        AuditEvent.objects.bulk_create([
            _old_event(province.d842, "reviews.reviewaction",
                       {"review": review.pk if i % 3 else 999_999, "description": f"Việc {i}"}, minutes=i)
            for i in range(count)])

    trail(3)
    # session, user, count, page, the reviews it names, the top bar's unread notifications
    with django_assert_num_queries(6):
        response = client.get(URL, params)
    afters = [r["after"] for row in response.context["rows"] for r in row["changes"] if r["key"] == "review"]
    assert afters.count("10/03/2026") == 2 and afters.count("Management review no. 999999 (since deleted)") == 1
    trail(40)
    with django_assert_num_queries(6):
        assert client.get(URL, params).status_code == 200


def test_older_file_paths_show_the_file_name(province, as_user):
    AuditEvent.objects.bulk_create([_old_event(province.d842, "documents.version",
                                               {"file": "documents/842/7/v01/Quy_trinh.pdf", "number": 1})])
    html = as_user(province.admin).get(URL, {"object_type": "documents.version"}).content.decode()
    assert "Quy_trinh.pdf" in html and "documents/842/7" not in html
