import pytest
from django.urls import reverse

from isogov.capa.models import CorrectiveAction, Nonconformity, Source, State
from isogov.capa.tests.helpers import awaiting, days, in_progress, open_nc

pytestmark = pytest.mark.django_db


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def test_secretary_walks_a_nonconformity_to_closed(province, as_user, iso2015):
    client = as_user(province.alice)
    response = client.post(reverse("capa:create", args=["842"]), {
        "source": "process_monitoring", "description": "Trả kết quả trễ hạn", "clause": "8.5",
        "detected_on": fmt(days(-10)), "correction": "Gọi điện xin lỗi công dân"})
    nc = Nonconformity.objects.get()
    assert response.status_code == 302 and response.url == reverse("capa:detail", args=["842", nc.pk])
    page = client.get(response.url).content.decode()
    assert "Record the root cause" in page and "8.5" in page
    client.post(reverse("capa:root_cause", args=["842", nc.pk]),
                {"why_1": "Vì sao trễ?", "because_1": "Chuyển hồ sơ bằng giấy", "root_cause": ""})
    page = client.get(reverse("capa:detail", args=["842", nc.pk])).content.decode()
    assert "Adopt the plan and start the actions" in page and "Add at least one corrective action." in page
    response = client.post(reverse("capa:action_add", args=["842", nc.pk]), {
        "description": "Dùng phần mềm một cửa", "owner": province.alice_head.pk, "due_date": fmt(days(10))})
    assert response.status_code == 302
    action = CorrectiveAction.objects.get()
    assert action.owner == province.alice_head and action.owner_name == "Alice_head"
    # The secretary drafted the plan; the head adopts it (separation of duties), she starts it.
    response = client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "action_plan"})
    assert response.status_code == 400 and "adopted by" in response.content.decode()
    head = as_user(province.alice_head)
    assert head.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "action_plan"}).status_code == 302
    client = as_user(province.alice)
    assert client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "in_progress"}).status_code == 302
    response = client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "awaiting_verification"})
    assert response.status_code == 400 and "not done yet" in response.content.decode()
    # The head owns the action and records it done.
    head = as_user(province.alice_head)
    response = head.post(reverse("capa:action_done", args=["842", action.pk]),
                         {f"d{action.pk}-done_on": fmt(days(0)), f"d{action.pk}-evidence": "Sổ theo dõi"})
    assert response.status_code == 302
    head.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "awaiting_verification"})
    # alice owns no action and recorded none done: she may verify; the head owns one and is told so.
    head_page = head.get(reverse("capa:detail", args=["842", nc.pk])).content.decode()
    assert "You own one of the actions" in head_page
    client = as_user(province.alice)
    response = client.post(reverse("capa:verify", args=["842", nc.pk]),
                           {"verdict": "effective", "verified_on": fmt(days(0)), "note": "Không còn trễ hạn"})
    assert response.status_code == 302
    nc.refresh_from_db()
    assert nc.state == State.CLOSED
    assert "verified effective" in client.get(reverse("capa:detail", args=["842", nc.pk])).content.decode()


def test_create_form_keeps_input_on_error(province, as_user, iso2015):
    response = as_user(province.alice).post(reverse("capa:create", args=["842"]), {
        "source": "process_monitoring", "description": "Thiếu biểu mẫu", "detected_on": "31/02/2026",
        "correction": "Bổ sung ngay"})
    html = response.content.decode()
    assert response.status_code == 400 and "Thiếu biểu mẫu" in html and "31/02/2026" in html
    assert not Nonconformity.objects.exists()


def test_bound_action_form_reshows_errors_beside_fields(province, as_user):
    nc, action = in_progress(province.d842, province.alice)
    response = as_user(province.alice).post(reverse("capa:action_done", args=["842", action.pk]),
                                            {f"d{action.pk}-done_on": fmt(days(2)), f"d{action.pk}-evidence": "x"})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    response = as_user(province.alice).post(reverse("capa:verify", args=["842", nc.pk]),
                                            {"verdict": "effective", "verified_on": fmt(days(0)), "note": "x"})
    assert response.status_code == 400 and "Only a nonconformity awaiting verification" in response.content.decode()


def test_not_effective_through_the_page(province, as_user):
    nc, action = awaiting(province.d842, province.alice)
    client = as_user(province.alice_head)
    client.post(reverse("capa:verify", args=["842", nc.pk]),
                {"verdict": "not_effective", "verified_on": fmt(days(0)), "note": "Còn trễ"})
    page = client.get(reverse("capa:detail", args=["842", nc.pk])).content.decode()
    assert "add a new action or reopen one" in page and "Reopen" in page
    response = client.post(reverse("capa:action_reopen", args=["842", action.pk]),
                           {f"r{action.pk}-due_date": fmt(days(30)), f"r{action.pk}-note": "Thêm bước kiểm tra"})
    assert response.status_code == 302
    assert client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "in_progress"}).status_code == 302


def test_overdue_is_flagged_on_list_and_page(province, as_user):
    late, _ = in_progress(province.d842, province.alice, due=days(-3))
    in_progress(province.d842, province.alice, due=days(3))
    client = as_user(province.viewer)
    listing = client.get(reverse("capa:agency_index", args=["842"])).content.decode()
    assert listing.count('<tr class="overdue"') == 1 and 'data-testid="overdue"' in listing
    page = client.get(reverse("capa:detail", args=["842", late.pk])).content.decode()
    assert 'class="overdue"' in page and 'data-testid="overdue"' in page
    filtered = client.get(reverse("capa:agency_index", args=["842"]), {"overdue": "on"}).content.decode()
    assert f"#{late.number}</a>" in filtered and "#2</a>" not in filtered


def test_outsiders_and_readers_are_refused(province, as_user):
    nc, action = in_progress(province.d842, province.alice)
    before = list(Nonconformity.objects.values()), list(CorrectiveAction.objects.values())
    for user in (province.bob, province.charlie):
        client = as_user(user)
        assert client.get(reverse("capa:agency_index", args=["842"])).status_code == 404
        assert client.get(reverse("capa:detail", args=["842", nc.pk])).status_code == 404
        assert client.post(reverse("capa:cancel", args=["842", nc.pk]), {"reason": "x"}).status_code == 404
        assert client.post(reverse("capa:action_done", args=["842", action.pk]), {}).status_code == 404
    # bob's own agency cannot reach 842's records either.
    assert as_user(province.bob).get(reverse("capa:detail", args=["844", nc.pk])).status_code == 404
    for user in (province.viewer, province.inspector):
        client = as_user(user)
        assert client.get(reverse("capa:detail", args=["842", nc.pk])).status_code == 200
        assert client.get(reverse("capa:create", args=["842"])).status_code == 403
        assert client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "in_progress"}).status_code == 403
        assert client.post(reverse("capa:action_add", args=["842", nc.pk]), {}).status_code == 403
    assert (list(Nonconformity.objects.values()), list(CorrectiveAction.objects.values())) == before


def test_reader_sees_no_forms(province, as_user):
    nc, _ = in_progress(province.d842, province.alice)
    page = as_user(province.viewer).get(reverse("capa:detail", args=["842", nc.pk])).content.decode()
    assert "Mark done" not in page and "Cancel this nonconformity" not in page


def _bulk(agency, n, due, start=100):
    ncs = Nonconformity.objects.bulk_create([
        Nonconformity(agency=agency, number=start + i, source=Source.OTHER, description=f"NC {i}",
                      detected_on=days(-20), state=State.IN_PROGRESS) for i in range(n)])
    CorrectiveAction.objects.bulk_create([CorrectiveAction(nonconformity=nc, description="a", owner_name="A",
                                                           due_date=due) for nc in ncs for _ in range(2)])


@pytest.mark.parametrize("url_name,args", [("capa:agency_index", ["842"]), ("capa:province_list", [])])
def test_list_query_count_does_not_grow(province, as_user, url_name, args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(province.viewer)
    _bulk(province.d842, 2, days(-1))
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name, args=args)).status_code == 200
    _bulk(province.d842, 40, days(3), start=200)
    _bulk(province.d844, 10, days(-3))
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse(url_name, args=args)).content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
    assert 'class="overdue"' in html


def test_province_list_filters(province, as_user):
    in_progress(province.d842, province.alice, due=days(-1))
    in_progress(province.d844, province.bob, due=days(5))
    closed = open_nc(province.stp, province.charlie)
    Nonconformity.objects.filter(pk=closed.pk).update(state=State.CLOSED)
    client = as_user(province.inspector)
    html = client.get(reverse("capa:province_list")).content.decode()
    assert "Thành phố Trà Vinh" in html and "Huyện Càng Long" in html and "Sở Tư pháp" not in html
    html = client.get(reverse("capa:province_list"), {"overdue": "on"}).content.decode()
    assert "Thành phố Trà Vinh" in html and "Huyện Càng Long" not in html
    html = client.get(reverse("capa:province_list"), {"state": "all", "agency": "tu phap"}).content.decode()
    assert "Sở Tư pháp" in html and "Huyện Càng Long" not in html
    partial = client.get(reverse("capa:province_list"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "nc-table" in partial
    # An agency's secretary sees only their own subtree in the province list.
    html = as_user(province.bob).get(reverse("capa:province_list")).content.decode()
    assert "Huyện Càng Long" in html and "Thành phố Trà Vinh" not in html


def test_bad_step_value_does_not_500(province, as_user):
    nc = open_nc(province.d842, province.alice)
    response = as_user(province.alice).post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "nonsense"})
    assert response.status_code == 400 and "Unknown state" in response.content.decode()


def _next_step(html: str) -> str:
    return html.split('id="next-step"', 1)[1].split("</section>", 1)[0]


def test_one_action_needs_one_obvious_button_to_start(province, as_user, iso2015):
    from isogov.capa import action_services
    from isogov.capa.tests.helpers import with_action

    nc, _action = with_action(province.d842, province.alice)
    client = as_user(province.alice_head)  # who adopts the plan
    url = reverse("capa:detail", args=["842", nc.pk])
    box = _next_step(client.get(url).content.decode())
    assert box.count('name="to_state"') == 1 and 'value="in_progress"' in box
    assert "Adopt the plan and start the actions" in box and "Start the actions</button>" not in box
    assert client.post(reverse("capa:step", args=["842", nc.pk]), {"to_state": "in_progress"}).status_code == 302
    nc.refresh_from_db()
    assert nc.state == State.IN_PROGRESS
    box = _next_step(client.get(url).content.decode())
    assert "Ask for verification of effectiveness" in box and "1 action(s) not done yet" in box
    # An action done before the plan was started: the next step is the verification, in one button.
    other, other_action = with_action(province.d842, province.alice)
    client.post(reverse("capa:step", args=["842", other.pk]), {"to_state": "action_plan"})
    action_services.action_complete(action=other_action, actor=province.alice, done_on=days(0), evidence="Sổ")
    box = _next_step(client.get(reverse("capa:detail", args=["842", other.pk])).content.decode())
    assert box.count('name="to_state"') == 1 and 'value="awaiting_verification"' in box and "disabled" not in box
