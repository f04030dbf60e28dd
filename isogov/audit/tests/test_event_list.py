"""The audit trail page: what services record, who may read which agency's history, filters and query cost."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.audit.models import Action, AuditEvent
from isogov.qms import services as qms
from isogov.qms.models import FactKind
from isogov.registry.services import agency_update

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/audit/"


def _codes(response) -> set[str]:
    return {row["event"].agency.code for row in response.context["rows"] if row["event"].agency}


def _touch_every_agency(province):
    for agency in (province.d842, province.c29242, province.d844, province.c29278, province.stp):
        agency_update(actor=province.admin, agency=agency, phone="0294 000 " + agency.code)


def test_url_name_is_kept():
    assert reverse("audit:event_list") == URL


def test_agency_update_shows_before_and_after(province, as_user):
    agency_update(actor=province.alice, agency=province.d842, iso_secretary="Lê Văn Bảy", email="tp@travinh.gov.vn")
    response = as_user(province.alice).get(URL, {"agency": "842"})
    html = response.content.decode()
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["event"].action == Action.UPDATE)
    assert row["event"].actor == province.alice
    assert {"key": "iso_secretary", "field": "ISO secretary", "before": "Nguyễn Văn An", "after": "Lê Văn Bảy",
            "paired": True} in row["changes"]
    assert {"key": "email", "field": "Email", "before": "—", "after": "tp@travinh.gov.vn",
            "paired": True} in row["changes"]
    assert "<del>Nguyễn Văn An</del> → <ins>Lê Văn Bảy</ins>" in html
    assert "History of Thành phố Trà Vinh" in html and ">alice</a>" in html


def test_create_shows_the_values_and_transitions_show_state_labels(province, as_user):
    qms.fact_record(agency=province.c29242, actor=province.alice, kind=FactKind.INTERNAL_AUDIT,
                    date=dt.date(2020, 3, 15), note="Đánh giá lần 1")
    qms.agency_transition(agency=province.d842, actor=province.alice, to_state="building")
    client = as_user(province.alice)
    html = client.get(URL, {"agency": "29242"}).content.decode()
    assert "Internal audit" in html and "15/03/2020" in html and "Đánh giá lần 1" in html
    html = client.get(URL, {"agency": "842", "action": "transition"}).content.decode()
    assert "<del>Not started</del> → <ins>Building</ins>" in html and "Lifecycle transition" in html


def test_scope_change_is_recorded_with_its_note(province, as_user):
    procedure = qms.procedure_create(actor=province.admin, code="1.000001", name="Cấp giấy phép", field="Tư pháp")
    qms.scope_add(agency=province.d842, actor=province.alice, procedure=procedure)
    html = as_user(province.alice).get(URL, {"agency": "842"}).content.decode()
    assert "Added to the scope" in html and "1.000001" in html


def test_agency_user_sees_own_subtree_only(province, as_user):
    _touch_every_agency(province)
    response = as_user(province.alice).get(URL)
    assert _codes(response) == {"842", "29242", "29245"}
    html = response.content.decode()
    assert "Phường 4" in html and "Huyện Càng Long" not in html and "Sở Tư pháp" not in html
    # Events without an agency (a procedure, an account) belong to the province-wide roles.
    assert "<td>—</td>" not in html


def test_province_roles_see_everything(province, as_user):
    _touch_every_agency(province)
    qms.procedure_create(actor=province.admin, code="1.000002", name="Chứng thực bản sao", field="Tư pháp")
    for user in (province.admin, province.inspector, province.viewer):
        response = as_user(user).get(URL)
        assert {"842", "29242", "844", "29278", "STP", "SKHCN"} <= _codes(response)
        assert "Chứng thực bản sao" in response.content.decode()


def test_foreign_agency_history_is_404(province, as_user):
    client = as_user(province.bob)
    for code in ("842", "29242", "STP", "NOPE"):
        assert client.get(URL, {"agency": code}).status_code == 404, code
        assert client.get(reverse("audit:event_export"), {"agency": code}).status_code == 404, code
    assert client.get(URL, {"agency": "844"}).status_code == 200
    assert as_user(province.charlie).get(URL, {"agency": "842", "units": "on"}).status_code == 404


def test_agency_filter_with_and_without_units(province, as_user):
    _touch_every_agency(province)
    client = as_user(province.admin)
    assert _codes(client.get(URL, {"agency": "842"})) == {"842"}
    assert _codes(client.get(URL, {"agency": "842", "units": "on"})) == {"842", "29242", "29245"}
    html = client.get(URL, {"agency": "842", "units": "on"}).content.decode()
    assert 'name="units" id="id_units" checked' in html


def test_agency_page_links_to_its_history(province, as_user):
    html = as_user(province.alice).get(reverse("registry:agency_detail", args=["842"])).content.decode()
    assert f'href="{URL}?agency=842"' in html


def test_filter_by_person_and_kind(province, as_user):
    agency_update(actor=province.alice, agency=province.d842, phone="1")
    agency_update(actor=province.alice_head, agency=province.c29242, phone="2")
    client = as_user(province.admin)
    response = client.get(URL, {"person": "ALICE"})
    assert {r["event"].actor_name for r in response.context["rows"]} == {"alice"}
    assert _codes(response) == {"842"}
    response = client.get(URL, {"action": "update"})
    assert {r["event"].action for r in response.context["rows"]} == {"update"}
    assert response.context["total"] == 2
    response = client.get(URL, {"action": "create", "object_type": "registry.agency"})
    assert response.context["total"] == 7


def test_date_filter_is_inclusive_in_province_time(province, as_user):
    AuditEvent.objects.all().delete()
    at = [dt.datetime(2024, 3, 1, 0, 5, tzinfo=HCM), dt.datetime(2024, 3, 1, 23, 30, tzinfo=HCM),
          dt.datetime(2024, 3, 2, 0, 10, tzinfo=HCM), dt.datetime(2024, 2, 29, 23, 59, tzinfo=HCM)]
    for i, moment in enumerate(at):
        event = AuditEvent.objects.create(at=moment, actor_name="lead", action=Action.UPDATE,
                                          object_type="registry.agency", object_id=str(i),
                                          object_repr=f"event-{i}", agency=province.d842)
        assert event.at == moment
    client = as_user(province.admin)

    def reprs(**params):
        return {r["event"].object_repr for r in client.get(URL, params).context["rows"]}

    assert reprs(date_from="01/03/2024", date_to="01/03/2024") == {"event-0", "event-1"}
    assert reprs(date_from="02/03/2024") == {"event-2"}
    assert reprs(date_to="29/02/2024") == {"event-3"}
    html = client.get(URL, {"date_from": "01/03/2024"}).content.decode()
    assert "01/03/2024 23:30" in html  # shown in province time, not UTC


def test_bad_dates_are_shown_beside_their_field_with_what_was_typed(province, as_user):
    client = as_user(province.admin)
    response = client.get(URL, {"date_from": "31/02/2024", "person": "alice"})
    html = response.content.decode()
    assert response.status_code == 200 and "date_from" in response.context["form"].errors
    assert 'value="31/02/2024"' in html and 'value="alice"' in html
    response = client.get(URL, {"date_from": "02/03/2024", "date_to": "01/03/2024"})
    assert "before the start date" in " ".join(response.context["form"].errors["date_to"])


@pytest.mark.parametrize("count", [5, 500])
# `seen`: the agencies' own creation events in the fixture that the person may read. `queries` counts the top bar's
# unread notifications (one query).
@pytest.mark.parametrize("who, queries, seen", [("admin", 7, 7), ("alice", 9, 3)])
def test_query_count_does_not_grow_with_the_trail(province, client, django_assert_num_queries, count, who, queries,
                                                  seen):
    user = getattr(province, who)
    now = timezone.now()
    AuditEvent.objects.bulk_create([
        AuditEvent(at=now - dt.timedelta(minutes=i), actor=province.alice, actor_name="alice", action=Action.UPDATE,
                   object_type="registry.agency", object_id=str(i), object_repr=f"Event {i}",
                   agency=province.c29242 if i % 2 else province.d842,
                   changes={"phone": [str(i), str(i + 1)], "qms_state": ["not_started", "building"],
                            "tier": ["commune", "district"], "parent": ["844", "842"]})
        for i in range(count)
    ])
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # session, user, [the user's agency and the ids of its subtree, for the scope], the count (up to the cap), page,
    # the tiers and the parents named on the page
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert response.status_code == 200 and len(response.context["rows"]) == min(count + seen, 50)
    assert response.context["total"] == count + seen
    with django_assert_num_queries(queries + 2):  # + the agency named in the filter and the ids of its units
        assert client.get(URL, {"agency": "842", "units": "on"}).status_code == 200
    with django_assert_num_queries(queries + 1):  # + the agency named in the filter
        assert client.get(URL, {"agency": "842"}).status_code == 200


@pytest.mark.parametrize("who, seen", [("admin", 7), ("alice", 3)])
def test_past_the_cap_the_trail_says_more_than_and_pages_on_without_counting(province, as_user, settings, who,
                                                                               seen):
    settings.ISOGOV = {**settings.ISOGOV, "AUDIT_COUNT_CAP": 6, "AUDIT_PAGE_SIZE": 4}
    now = timezone.now()
    AuditEvent.objects.bulk_create([
        AuditEvent(at=now - dt.timedelta(minutes=i), actor_name="alice", action=Action.UPDATE,
                   object_type="registry.agency", object_id="1", object_repr=f"Event {i}", agency=province.c29242)
        for i in range(9)
    ] + [AuditEvent(at=now, actor_name="bob", action=Action.UPDATE, object_type="registry.agency", object_id="2",
                    object_repr="Not hers", agency=province.c29278)])
    client = as_user(getattr(province, who))
    pages, number = [], 1
    while True:
        response = client.get(URL, {"page": number})
        html = response.content.decode()
        assert response.status_code == 200 and response.context["total"] is None
        assert 'data-testid="total">more than 6</strong>' in html and f"Page {number}<" in html
        pages.append([row["event"].object_repr for row in response.context["rows"]])
        if "Next »" not in html:
            break
        assert f"?page={number + 1}" in html
        number += 1
    shown = [name for page in pages for name in page]
    readable = AuditEvent.objects.all() if who == "admin" else AuditEvent.objects.filter(
        agency__in=[province.d842, province.c29242, province.c29245])
    assert len(shown) == len(set(shown)) == readable.count() == 9 + seen + (who == "admin")
    assert ("Not hers" in shown) == (who == "admin")
    assert [len(page) for page in pages[:-1]] == [4] * (len(pages) - 1) and 1 <= len(pages[-1]) <= 4
    # A page past the end is empty and offers the way back; a filter that matches few events is counted exactly.
    response = client.get(URL, {"page": number + 3})
    assert response.context["rows"] == [] and "« Previous" in response.content.decode()
    response = client.get(URL, {"person": "bob"})
    assert response.context["total"] == (1 if who == "admin" else 0)


def test_outsiders_and_anonymous(province, client, as_user):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("audit:event_export")).status_code == 302
    # An agency user without an agency sees nothing rather than everything.
    province.charlie.agency = None
    province.charlie.save()
    response = as_user(province.charlie).get(URL)
    assert response.status_code == 200 and response.context["total"] == 0
