"""Nobody finds what they may not read: the rows are filtered by the agencies the access module lets the reader
read; the province's objects as their own pages allow. alice works for 842, bob for 844, charlie for STP."""
import pytest

from isogov.documents.tests.factories import DocumentFactory
from isogov.programme.models import Plan
from isogov.programme.tests.factories import ActivityFactory, PlanFactory
from isogov.qms.tests.factories import ProcedureFactory
from isogov.search.tests.helpers import found, titles

pytestmark = pytest.mark.django_db

BOB_DOC, ALICE_DOC, COMMUNE_DOC = "Kết hôn: quy trình của Càng Long", "Kết hôn: quy trình của Trà Vinh", \
    "Kết hôn: quy trình của thị trấn"


@pytest.fixture
def world(province):
    p = province
    DocumentFactory(agency=p.d844, actor=p.bob, code="QT-01", title=BOB_DOC)
    DocumentFactory(agency=p.d842, actor=p.alice, code="QT-01", title=ALICE_DOC)
    DocumentFactory(agency=p.c29278, actor=p.bob, code="QT-01", title=COMMUNE_DOC)
    ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch")
    return p


def test_a_secretary_finds_her_own_subtree_and_the_catalogue_only(world):
    p = world
    assert sorted(titles(p.bob, "ket hon")) == sorted([BOB_DOC, COMMUNE_DOC, "Đăng ký kết hôn"])
    assert sorted(titles(p.alice, "ket hon")) == sorted([ALICE_DOC, "Đăng ký kết hôn"])
    assert titles(p.charlie, "ket hon") == ["Đăng ký kết hôn"]
    assert titles(p.bob, "tra vinh") == []  # a foreign agency is not found by its name either
    assert sorted(titles(p.bob, "Càng Long", kind="agency")) == ["Huyện Càng Long", "Thị trấn Càng Long"]


def test_the_province_wide_roles_find_every_agency_s_rows(world):
    p = world
    for reader in (p.admin, p.inspector, p.viewer):
        assert sorted(titles(reader, "ket hon", kind="document")) == sorted([BOB_DOC, ALICE_DOC, COMMUNE_DOC])


def test_people_are_found_only_by_who_manages_accounts(world):
    p = world
    assert titles(p.admin, "bob") == ["Bob"]
    for reader in (p.bob, p.alice, p.inspector, p.viewer):
        assert titles(reader, "bob") == []


def test_a_draft_plan_is_the_leads_until_approved_and_an_activity_is_seen_by_who_takes_part(world):
    p = world
    plan = PlanFactory(province=p, title="Kế hoạch duy trì ISO 2026")
    ActivityFactory(plan=plan, actor=p.admin, title="Đánh giá nội bộ chéo", participants=[p.d844])
    assert titles(p.admin, "ke hoach duy tri") == ["Kế hoạch duy trì ISO 2026"]
    assert titles(p.bob, "ke hoach duy tri") == []
    assert titles(p.bob, "danh gia noi bo") == []
    Plan.objects.filter(pk=plan.pk).update(status="approved")  # the scope is read live: no re-index needed
    assert titles(p.bob, "ke hoach duy tri") == ["Kế hoạch duy trì ISO 2026"]
    assert found(p.bob, "danh gia noi bo") == [("activity", "Đánh giá nội bộ chéo")]
    assert titles(p.alice, "danh gia noi bo") == []  # 842 does not take part


def test_an_inactive_or_anonymous_reader_finds_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    p = world
    p.bob.is_active = False
    assert titles(p.bob, "ket hon") == []
    assert titles(AnonymousUser(), "ket hon") == []
