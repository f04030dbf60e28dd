import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.capa.models import Nonconformity
from isogov.feedback import selectors, services
from isogov.feedback.models import Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.qms.services import scope_add
from isogov.qms.tests.helpers import procedure

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def fmt(day):
    return day.strftime("%d/%m/%Y")


def complaint(agency, actor, *, on=None, **kwargs):
    return services.complaint_record(agency=agency, actor=actor, received_on=on or days(-5), channel="one_stop",
                                     content=kwargs.pop("content", "Chờ quá lâu tại bộ phận một cửa"), **kwargs)


@pytest.fixture
def birth(province):
    p = procedure()
    scope_add(agency=province.d842, actor=province.alice, procedure=p)
    return p


def test_complaint_refusals(province, birth):
    with pytest.raises(ValidationError) as exc:
        services.complaint_record(agency=province.d842, actor=province.alice, received_on=days(1), channel="fax",
                                  content=" ", procedure=procedure("2.000001", "Cấp phép xây dựng", "Xây dựng"))
    assert set(exc.value.message_dict) == {"received_on", "channel", "content", "procedure"}
    assert "not in the agency's QMS scope" in exc.value.message_dict["procedure"][0]


def test_respond_and_refusals(province, birth):
    c = complaint(province.d842, province.alice, procedure=birth)
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(complaint=c, actor=province.alice, responded_on=days(-9), response="")
    assert set(exc.value.message_dict) == {"responded_on", "response"}
    services.complaint_respond(complaint=c, actor=province.alice, responded_on=days(0), response="Đã xin lỗi")
    c.refresh_from_db()
    assert c.status == ComplaintStatus.HANDLED
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(complaint=c, actor=province.alice, responded_on=days(0), response="lần 2")
    assert "already answered" in " ".join(exc.value.messages)


def test_complaint_opens_one_nonconformity(province, birth):
    c = complaint(province.d842, province.alice, procedure=birth)
    nc = services.complaint_open_nonconformity(complaint=c, actor=province.alice)
    c.refresh_from_db()
    assert c.nonconformity == nc and nc.source == "citizen_complaint" and nc.origin == c
    assert nc.detected_on == c.received_on and "1.001193" in nc.description
    with pytest.raises(ValidationError) as exc:
        services.complaint_open_nonconformity(complaint=c, actor=province.alice)
    assert "already opened nonconformity #1" in " ".join(exc.value.messages)
    assert Nonconformity.objects.count() == 1


def test_survey_refusals(province, birth):
    with pytest.raises(ValidationError) as exc:
        services.survey_record(agency=province.d842, actor=province.alice, period_start=days(-1), period_end=days(-30),
                               surveyed=10, satisfied=11)
    assert set(exc.value.message_dict) == {"period_end", "satisfied"}
    with pytest.raises(ValidationError) as exc:
        services.survey_record(agency=province.d842, actor=province.alice, period_start=days(-30), period_end=days(2),
                               surveyed=0, satisfied=0)
    assert set(exc.value.message_dict) == {"period_end", "surveyed"}
    services.survey_record(agency=province.d842, actor=province.alice, period_start=days(-30), period_end=days(-1),
                           surveyed=50, satisfied=45, procedure=birth)
    with pytest.raises(ValidationError) as exc:
        services.survey_record(agency=province.d842, actor=province.alice, period_start=days(-30),
                               period_end=days(-1), surveyed=5, satisfied=5, procedure=birth)
    assert "already recorded" in " ".join(exc.value.messages)


def test_summaries_for_the_management_review(province, birth):
    s = {"actor": province.alice, "agency": province.d842}
    services.survey_record(**s, period_start=days(-90), period_end=days(-60), surveyed=40, satisfied=30,
                           procedure=birth)
    services.survey_record(**s, period_start=days(-59), period_end=days(-1), surveyed=60, satisfied=57,
                           procedure=birth)
    services.survey_record(**s, period_start=days(-59), period_end=days(-1), surveyed=100, satisfied=90)
    services.survey_record(**s, period_start=days(-800), period_end=days(-700), surveyed=10, satisfied=1)
    summary = selectors.satisfaction_summary(agency=province.d842, since=days(-365))
    assert (summary["surveyed"], summary["satisfied"], summary["rate"], summary["surveys"]) == (200, 177, 88.5, 3)
    by = {row["code"]: row for row in summary["by_procedure"]}
    assert by["1.001193"]["rate"] == 87.0 and by[""]["rate"] == 90.0
    assert selectors.satisfaction_summary(agency=province.d844, since=days(-365))["rate"] is None
    handled = complaint(province.d842, province.alice)
    services.complaint_respond(complaint=handled, actor=province.alice, responded_on=days(0), response="ok")
    with_nc = complaint(province.d842, province.alice)
    services.complaint_open_nonconformity(complaint=with_nc, actor=province.alice)
    complaint(province.d842, province.alice, on=days(-500))
    assert selectors.complaints_summary(agency=province.d842, since=days(-365)) == {
        "received": 2, "handled": 1, "open": 1, "nonconformities": 1, "open_total": 2}


def test_page_records_and_reshows_input(province, birth, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("feedback:complaint_create", args=["842"]), {
        "received_on": fmt(days(-2)), "channel": "phone", "procedure": "1.001193", "citizen_name": "Nguyễn Thị Mai",
        "content": "Cán bộ hẹn trả kết quả sai ngày"})
    assert response.status_code == 302
    c = Complaint.objects.get()
    response = client.post(reverse("feedback:complaint_respond", args=["842", c.pk]),
                           {f"c{c.pk}-responded_on": fmt(days(3)), f"c{c.pk}-response": "Đã giải thích"})
    html = response.content.decode()
    assert response.status_code == 400 and "cannot be in the future" in html and "Đã giải thích" in html
    response = client.post(reverse("feedback:survey_create", args=["842"]), {
        "procedure": "", "period_start": fmt(days(-60)), "period_end": fmt(days(-1)), "surveyed": "80",
        "satisfied": "90", "method": "Phiếu giấy"})
    html = response.content.decode()
    assert response.status_code == 400 and "More satisfied citizens (90) than surveyed (80)" in html
    assert "Phiếu giấy" in html and not SatisfactionSurvey.objects.exists()
    response = client.post(reverse("feedback:complaint_nonconformity", args=["842", c.pk]))
    nc = Nonconformity.objects.get()
    assert response.status_code == 302 and response.url == reverse("capa:detail", args=["842", nc.pk])
    page = client.get(reverse("capa:detail", args=["842", nc.pk])).content.decode()
    assert "Citizen complaint" in page and c.get_absolute_url() in page
    page = client.get(reverse("feedback:agency_index", args=["842"])).content.decode()
    assert f"#{nc.number}</a>" in page and "Cán bộ hẹn trả kết quả sai ngày" in page


def test_outsiders_and_readers_are_refused(province, birth, as_user):
    c = complaint(province.d842, province.alice)
    s = services.survey_record(agency=province.d842, actor=province.alice, period_start=days(-30),
                               period_end=days(-1), surveyed=5, satisfied=4)
    events = AuditEvent.objects.count()
    for user in (province.bob, province.charlie):
        client = as_user(user)
        assert client.get(reverse("feedback:agency_index", args=["842"])).status_code == 404
        assert client.post(reverse("feedback:complaint_nonconformity", args=["842", c.pk])).status_code == 404
        assert client.post(reverse("feedback:survey_delete", args=["842", s.pk])).status_code == 404
    assert as_user(province.bob).post(reverse("feedback:survey_delete", args=["844", s.pk])).status_code == 404
    for user in (province.viewer, province.inspector):
        client = as_user(user)
        page = client.get(reverse("feedback:agency_index", args=["842"]))
        assert page.status_code == 200 and "Open a nonconformity" not in page.content.decode()
        assert client.post(reverse("feedback:complaint_nonconformity", args=["842", c.pk])).status_code == 403
        assert client.post(reverse("feedback:complaint_create", args=["842"]), {}).status_code == 403
        assert client.post(reverse("feedback:survey_delete", args=["842", s.pk])).status_code == 403
    assert AuditEvent.objects.count() == events and SatisfactionSurvey.objects.count() == 1
    assert not Nonconformity.objects.exists()


def test_page_query_count_does_not_grow(province, birth, as_user):
    client = as_user(province.viewer)

    def add(n, start):
        for i in range(n):
            c = complaint(province.d842, province.alice, content=f"Phản ánh {start + i}", procedure=birth)
            if i % 2:
                services.complaint_open_nonconformity(complaint=c, actor=province.alice)
            end = days(-20 * (start + i))
            services.survey_record(agency=province.d842, actor=province.alice, period_start=end - dt.timedelta(19),
                                   period_end=end, surveyed=10, satisfied=8, procedure=birth)

    add(2, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("feedback:agency_index", args=["842"]))
    add(10, 3)
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("feedback:agency_index", args=["842"])).content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
    assert "Phản ánh 12" in html and "<svg" in html and "80%" in html


def test_demo_adds_feedback_once(province, birth):
    import random

    from isogov.feedback import demo
    from isogov.qms.states import QmsState
    from isogov.registry.models import Agency

    Agency.objects.filter(code__in=["842", "844", "STP"]).update(qms_state=QmsState.MAINTAINING)
    counts = {}
    for seed in range(5):  # until a draw gives this small province some complaints
        counts = demo.load_demo(actor=province.admin, rng=random.Random(seed)) or counts
    assert counts["surveys"] == SatisfactionSurvey.objects.count() > 0
    assert counts["complaints"] == Complaint.objects.count()
    assert demo.load_demo(actor=province.admin, rng=random.Random(9)) == {}
    assert not Complaint.objects.filter(agency__code__in=["29242", "29245", "29278", "SKHCN"]).exists()
    for c in Complaint.objects.all():
        assert c.received_on <= days(0) and (c.status == "received") == (c.responded_on is None)
        if c.nonconformity_id:
            assert c.nonconformity.origin == c and c.nonconformity.source == "citizen_complaint"
    for s in SatisfactionSurvey.objects.all():
        assert s.satisfied <= s.surveyed and s.period_end < days(0)
        assert s.procedure is None or s.agency.scope_items.filter(procedure=s.procedure).exists()
    assert selectors.satisfaction_summary(agency=province.d842, since=days(-400))["rate"] is not None


def test_pages_render_in_vietnamese(province, birth, as_user, iso2015, vietnamese):
    from isogov.audits.tests.helpers import with_findings
    from isogov.capa.tests.helpers import in_progress

    c = complaint(province.d842, province.alice)
    services.complaint_open_nonconformity(complaint=c, actor=province.alice)
    nc, _ = in_progress(province.d842, province.alice)
    audit = with_findings(province.d842, province.alice)
    client = as_user(province.alice)
    for url in (reverse("feedback:agency_index", args=["842"]), reverse("capa:agency_index", args=["842"]),
                reverse("capa:detail", args=["842", nc.pk]), reverse("capa:province_list"),
                reverse("audits:agency_index", args=["842"]), reverse("audits:detail", args=["842", audit.pk]),
                reverse("audits:report_docx", args=["842", audit.pk]), reverse("capa:create", args=["842"]),
                reverse("audits:create", args=["842"])):
        assert client.get(url).status_code == 200, url
