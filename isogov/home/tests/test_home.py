"""Where each role lands, what its to-do lists, and that nobody sees another agency's duties."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.capa.tests.helpers import with_action
from isogov.core.tests.files import upload
from isogov.documents import versioning
from isogov.documents.tests.helpers import make_document, make_legal
from isogov.home import selectors
from isogov.qms.tests.helpers import walk_to_confirmed

pytestmark = pytest.mark.django_db


def in_review(agency, secretary, code="QT-05"):
    doc = make_document(agency, secretary, code=code, title=f"Quy trình {code}", file=upload("qt.pdf"))
    version = doc.versions.get()
    versioning.version_transition(version=version, actor=secretary, action="submit")
    return doc, version


@pytest.mark.parametrize("who", ["admin", "inspector", "viewer"])
def test_province_roles_land_on_the_province(client, province, as_user, who):
    response = as_user(getattr(province, who)).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:province")


@pytest.mark.parametrize("who, code", [("alice", "842"), ("alice_head", "842"), ("bob", "844"), ("charlie", "STP")])
def test_agency_roles_land_on_their_agency_todo(province, as_user, who, code):
    response = as_user(getattr(province, who)).get("/")
    assert response["Location"] == f"/agencies/{code}/todo/"


def test_login_lands_on_home(client, province):
    from isogov.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "alice_head", "password": PASSWORD})
    assert response["Location"] == reverse("home:home")


def test_anonymous_is_sent_to_login(client):
    assert client.get("/")["Location"].startswith(reverse("login"))


def test_head_sees_the_document_to_approve_the_secretary_does_not_wait_on_it(province, as_user):
    p = province
    doc, _v = in_review(p.d842, p.alice)
    head_page = as_user(p.alice_head).get("/agencies/842/todo/")
    waiting = selectors.todo(user=p.alice_head, agency=p.d842, today=timezone.localdate()).waiting
    assert [i.duty.kind for g in waiting for i in g.items] == ["documents.approve"]
    assert f'href="/agencies/842/documents/{doc.pk}/"' in head_page.content.decode()
    assert "Approve QT-05 v01" in head_page.content.decode()
    secretary = selectors.todo(user=p.alice, agency=p.d842, today=timezone.localdate())
    assert not secretary.waiting  # the approval is the head's; nothing of hers is dated either


def test_sections_with_hand_worked_dates(province):
    """Today 10/06/2026, window 30 days (to 10/07/2026): a legal text effective 01/01/2026 was due 01/04/2026
    (overdue); one effective 15/04/2026 is due 15/07/2026 (beyond the window: coming next)."""
    p = province
    today = dt.date(2026, 6, 10)
    make_legal(p.d842, p.alice, code="VB-01", effective_on=dt.date(2026, 1, 1))
    make_legal(p.d842, p.alice, code="VB-02", effective_on=dt.date(2026, 4, 15), legal_number="2/2026/QĐ")
    todo = selectors.todo(user=p.alice, agency=p.d842, today=today)
    assert [(i.duty.due, i.duty.kind) for g in todo.overdue for i in g.items] == [
        (dt.date(2026, 4, 1), "documents.legal")]
    assert [i.duty.due for g in todo.coming for i in g.items] == [dt.date(2026, 7, 15)]
    assert todo.horizon == dt.date(2026, 7, 10) and not todo.due_soon
    # Each text's version 01 is a draft the secretary sends for review: hers, undated, so waiting.
    assert sorted(i.duty.key.split(":")[0] for g in todo.waiting for i in g.items) == ["documents.submit"] * 2


def test_own_agency_first_then_communes_grouped(province):
    p = province
    in_review(p.c29245, p.alice, code="QT-09")
    in_review(p.d842, p.alice, code="QT-05")
    in_review(p.c29242, p.alice, code="QT-07")
    todo = selectors.todo(user=p.alice_head, agency=p.d842, today=timezone.localdate())
    # The head of 842 does not approve her communes' documents (access.can_approve_documents): only her own waits
    # for her; the communes' wait for their heads, and she sees them among what is pending, grouped.
    assert [g.agency.code for g in todo.waiting] == ["842"]
    assert [g.agency.code for g in todo.due_soon] == ["29242", "29245"]
    assert [g.own for g in todo.due_soon] == [False, False]


def test_a_secretary_never_sees_another_agencys_duties(province, as_user):
    p = province
    # 844's duties of every kind a secretary of 842 would be shown were they hers: a draft to send (undated, a
    # secretary's), a legal text (dated), a plan for a head.
    make_document(p.d844, p.bob, code="QT-44", title="Quy trình QT-44", file=upload("qt.pdf"))
    make_legal(p.d844, p.bob, code="VB-44", effective_on=timezone.localdate() - dt.timedelta(days=10))
    with_action(p.d844, p.bob, due=timezone.localdate() + dt.timedelta(days=3))
    todo = selectors.todo(user=p.alice, agency=p.d842, today=timezone.localdate())
    assert todo.empty
    page = as_user(p.alice).get("/agencies/842/todo/").content.decode()
    assert "QT-44" not in page and "Huyện Càng Long" not in page
    assert as_user(p.alice).get("/agencies/844/todo/").status_code == 404


def test_empty_sections_say_so(province, as_user, vietnamese):
    page = as_user(province.alice_head).get("/agencies/842/todo/").content.decode()
    assert "Không có việc nào quá hạn." in page  # "Nothing is overdue.", in Vietnamese
    assert page.count('class="muted"') >= 4


def _busy_commune(p, n: int):
    """A commune of 842 with a duty in every area: announced QMS, a document in review, a legal text, a
    nonconformity with its plan to adopt, a risk with an action."""
    from isogov.registry.models import AgencyKind
    from isogov.registry.services import agency_create
    from isogov.risks import services as risk_services

    agency = agency_create(actor=None, code=f"9{n:04d}", name=f"Xã {n}", tier=p.tiers["commune"], parent=p.d842,
                           kind=AgencyKind.COMMUNE_COMMITTEE, iso_secretary="Nguyễn Thị Lan")
    walk_to_confirmed(agency, secretary=p.alice, head=p.alice_head)
    in_review(agency, p.alice)
    make_legal(agency, p.alice, code="VB-01")
    with_action(agency, p.alice)
    risk = risk_services.risk_create(agency=agency, actor=p.alice, kind="risk", description="Mất hồ sơ", likelihood=2,
                                     impact=3, owner="Văn phòng", review_date=timezone.localdate())
    risk_services.action_add(risk=risk, actor=p.alice, description="Quét hồ sơ", owner="Văn phòng",
                             due_date=timezone.localdate())


def test_query_count_does_not_grow(province, as_user):
    """The same number of queries for the to-do of 3 agencies and of 60, every area with rows in each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from isogov.home.areas import all_duties

    p = province
    today = timezone.localdate()

    def count():
        with CaptureQueriesContext(connection) as page:
            assert as_user(p.alice_head).get("/agencies/842/todo/").status_code == 200
        with CaptureQueriesContext(connection) as gathered:
            duties = all_duties(agency_ids=None, today=today)
        # The province's annual report is one duty whatever the number of agencies.
        return len(page), len(gathered), len([d for d in duties if d.kind != "reports.annual"])

    for n in range(3):
        _busy_commune(p, n)
    count()  # the first request also fills per-process caches (content types, the session's user)
    page_3, gathered_3, duties_3 = count()
    for n in range(3, 60):
        _busy_commune(p, n)
    page_60, gathered_60, duties_60 = count()
    assert duties_60 == duties_3 * 20  # every row was there to be read
    assert (page_60, gathered_60) == (page_3, gathered_3)


def test_a_merged_agency_hands_out_nothing(province):
    from isogov.registry.models import Agency, AgencyStatus

    p = province
    in_review(p.c29242, p.alice, code="QT-07")
    todo = selectors.todo(user=p.alice_head, agency=p.d842, today=timezone.localdate())
    assert "29242" in [g.agency.code for g in todo.due_soon]
    Agency.objects.filter(pk=p.c29242.pk).update(status=AgencyStatus.MERGED, ended_on=dt.date(2025, 6, 30))
    todo = selectors.todo(user=p.alice_head, agency=p.d842, today=timezone.localdate())
    assert "29242" not in [g.agency.code for section in (todo.waiting, todo.due_soon, todo.overdue, todo.coming)
                           for g in section]
