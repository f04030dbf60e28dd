import datetime as dt
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.qms.models import QmsFact
from isogov.reviews import services
from isogov.reviews.models import AgendaItem, Review, ReviewAction
from isogov.reviews.tests.helpers import held, plan
from isogov.risks import services as risk_services

pytestmark = pytest.mark.django_db


def test_secretary_plans_completes_and_holds_a_review(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("reviews:plan", args=["842"]), {
        "date": "10/03/2026", "chair": "Nguyễn Văn Bình", "participants": "Nguyễn Văn Bình\nLê Thị Hoa"})
    assert response.status_code == 302
    review = Review.objects.get()
    page = client.get(reverse("reviews:detail", args=["842", review.pk])).content.decode()
    assert 'data-testid="hold-blockers"' in page and "No quality objective recorded." in page
    for item in review.agenda.all():
        response = client.post(reverse("reviews:agenda_note", args=["842", item.pk]),
                               {"notes": f"Kết luận {item.key}"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "Saved." in response.content.decode()
        assert "<html" not in response.content.decode()
    assert client.post(reverse("reviews:hold", args=["842", review.pk])).status_code == 302
    review.refresh_from_db()
    assert review.state == "held" and QmsFact.objects.get().kind == "management_review"
    assert client.post(reverse("reviews:action_add", args=["842", review.pk]), {
        "kind": "improvement", "description": "Triển khai khảo sát trực tuyến", "owner": "Văn phòng",
        "due_date": "30/06/2026"}).status_code == 302
    page = client.get(reverse("reviews:detail", args=["842", review.pk])).content.decode()
    assert "Kết luận objectives" in page and "Triển khai khảo sát trực tuyến" in page and "<textarea" not in page


def test_refused_forms_keep_what_was_typed(province, as_user):
    client = as_user(province.alice)
    review = plan(province.d842)
    response = client.post(reverse("reviews:action_add", args=["842", review.pk]), {
        "kind": "improvement", "description": "Mua thêm máy quét", "owner": "Kế toán", "due_date": "01/01/2020"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be before the meeting" in html and "Mua thêm máy quét" in html and "Kế toán" in html
    response = client.post(reverse("reviews:plan", args=["842"]), {"date": "11/03/2026", "chair": "Ông Tư"})
    assert response.status_code == 400 and "already planned" in response.content.decode()
    assert "Ông Tư" in response.content.decode()
    assert client.post(reverse("reviews:hold", args=["842", review.pk])).status_code == 302
    assert Review.objects.get().state == "planned"


def test_outsiders_and_readers_are_refused(province, as_user):
    review = plan(province.d842)
    item = review.agenda.first()
    action = services.action_add(review=review, actor=None, kind="improvement", description="x", owner="y",
                                 due_date=dt.date(2026, 5, 1))
    posts = [reverse("reviews:plan", args=["842"]), reverse("reviews:edit", args=["842", review.pk]),
             reverse("reviews:hold", args=["842", review.pk]), reverse("reviews:delete", args=["842", review.pk]),
             reverse("reviews:agenda_note", args=["842", item.pk]),
             reverse("reviews:action_add", args=["842", review.pk]),
             reverse("reviews:action_done", args=["842", action.pk])]
    data = {"notes": "x", "date": "01/01/2026", "kind": "improvement", "description": "z", "owner": "z",
            "due_date": "01/06/2026"}
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.viewer, 403),
                           (province.inspector, 403)):
        client = as_user(user)
        for url in posts:
            assert client.post(url, data).status_code == expected, (user, url)
        for url in (reverse("reviews:detail", args=["842", review.pk]),
                    reverse("reviews:minutes", args=["842", review.pk])):
            assert client.get(url).status_code == (404 if expected == 404 else 200)
    assert Review.objects.get().state == "planned" and AgendaItem.objects.filter(notes="").count() == 10
    assert ReviewAction.objects.get().done_on is None and ReviewAction.objects.count() == 1
    other = plan(province.stp)
    assert as_user(province.alice).get(reverse("reviews:detail", args=["842", other.pk])).status_code == 404


def test_minutes_open_in_word_and_hold_inputs_and_outputs(province, as_user):
    risk_services.risk_create(agency=province.d842, actor=None, kind="opportunity", description="Chữ ký số cho hồ sơ",
                              likelihood=3, impact=3, owner="Văn phòng", review_date=dt.date(2027, 1, 1))
    review = held(province.d842)
    services.action_add(review=review, actor=None, kind="resources",
                        description="Bổ sung 01 máy tính cho bộ phận một cửa", owner="Phòng Tài chính - Kế hoạch",
                        due_date=dt.date(2026, 6, 30))
    response = as_user(province.viewer).get(reverse("reviews:minutes", args=["842", review.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    # The title as Decree 30 writes it (type and summary), the agency as the issuing body.
    assert "BIÊN BẢN" in text and "Họp xem xét của lãnh đạo năm" in text
    assert "Thành phố Trà Vinh".upper() in cells
    assert "Opportunity: Chữ ký số cho hồ sơ (owner Văn phòng)" in text  # an input
    assert "Đã xem xét: risks" in text  # what the meeting said
    assert "Bổ sung 01 máy tính cho bộ phận một cửa" in cells and "30/06/2026" in cells  # an output
    assert "Nguyễn Văn Bình" in cells and "10/03/2026" in cells


def _fill(agency, n):
    for i in range(n):
        risk_services.risk_create(agency=agency, actor=None, kind="opportunity" if i % 2 else "risk",
                                  description=f"Rủi ro {i}", likelihood=1 + i % 5, impact=2, owner="A",
                                  review_date=dt.date(2026, 1, 1))


def test_review_pages_cost_the_same_queries_with_more_records(province, as_user):
    client = as_user(province.alice)
    first = held(province.d842, date=dt.date(2025, 3, 10))
    services.action_add(review=first, actor=None, kind="improvement", description="a", owner="b",
                        due_date=dt.date(2025, 5, 1))
    review = plan(province.d842)
    urls = [reverse("reviews:detail", args=["842", review.pk]), reverse("reviews:agency_index", args=["842"])]
    small = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        small.append(len(ctx.captured_queries))
    _fill(province.d842, 25)
    for i in range(10):
        services.action_add(review=first, actor=None, kind="improvement", description=f"việc {i}", owner="b",
                            due_date=dt.date(2025, 5, 1))
    large = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        large.append(len(ctx.captured_queries))
    assert small == large


def test_index_lists_reviews_recorded_on_the_lifecycle(province, as_user):
    """The compliance card counts a review recorded on the lifecycle: the tab must not say there is none."""
    from isogov.qms import services as qms_services
    from isogov.qms.models import FactKind

    client = as_user(province.viewer)
    url = reverse("reviews:agency_index", args=["842"])
    assert "No management review recorded yet." in client.get(url).content.decode()
    qms_services.fact_record(agency=province.d842, actor=province.alice, kind=FactKind.MANAGEMENT_REVIEW,
                             date=dt.date(2020, 4, 6), note="Họp xem xét của lãnh đạo lần đầu")
    held(province.d842, date=dt.date(2025, 3, 10))
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    assert "No management review recorded yet." not in html
    rows = html.split('data-testid="lifecycle-review"')
    # Only the fact written on the lifecycle is listed as such; the held review has its own row.
    assert len(rows) == 2 and "06/04/2020" in rows[1] and "Họp xem xét của lãnh đạo lần đầu" in rows[1]
    assert "10/03/2025" in rows[0]
    qms_services.fact_record(agency=province.d842, actor=province.alice, kind=FactKind.MANAGEMENT_REVIEW,
                             date=dt.date(2021, 4, 6))
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).content.decode().count('data-testid="lifecycle-review"') == 2
    assert len(more.captured_queries) == len(ctx.captured_queries)
