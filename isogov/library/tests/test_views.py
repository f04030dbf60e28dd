"""The library's pages: who may publish and adopt (404 to a foreign agency's staff, 403 to a reader), what the
province sees per template, and query counts that do not grow with the number of agencies or adoptions."""
import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.library.models import Adoption, Template
from isogov.library.tests.factories import POLICY_SECTIONS, AdoptionFactory, TemplateFactory, new_version
from isogov.registry.models import AgencyKind
from isogov.registry.services import agency_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(province):
    return TemplateFactory(actor=province.admin, code="CS-01")


def _template_post(**over):
    return {"kind": "policy", "code": "CS-09", "title": "Chính sách chất lượng", "agency_kinds": ["ubnd_xa"],
            "procedure_code": "", "why": "", "legal_basis": "", **POLICY_SECTIONS, **over}


def test_the_lead_publishes_and_a_viewer_or_secretary_may_not(province, as_user):
    url = reverse("library:template_create")
    for user in (province.viewer, province.alice, province.inspector):
        assert as_user(user).post(url, _template_post()).status_code == 403
    assert not Template.objects.exists()
    response = as_user(province.admin).post(url, _template_post())
    assert response.status_code == 302
    template = Template.objects.get()
    assert template.latest.number == 1 and template.kind_list == ["ubnd_xa"]


def test_a_viewer_cannot_publish_a_new_version(policy, province, as_user):
    url = reverse("library:version_create", args=[policy.pk])
    data = {**POLICY_SECTIONS, "why": "Sửa", "legal_basis": ""}
    assert as_user(province.viewer).post(url, data).status_code == 403
    assert as_user(province.alice).get(url).status_code == 403
    assert policy.versions.count() == 1
    assert as_user(province.admin).post(url, data).status_code == 302
    assert policy.versions.count() == 2


def test_a_foreign_secretary_cannot_adopt_for_another_agency(policy, province, as_user):
    url = reverse("library:adopt", args=[province.d844.code, policy.pk])
    client = as_user(province.alice)  # 842's secretary
    assert client.get(url).status_code == 404
    assert client.post(url, {"code": "CS-01", "owner_name": "VP"}).status_code == 404
    assert as_user(province.viewer).post(url, {"code": "CS-01", "owner_name": "VP"}).status_code == 403
    assert not Adoption.objects.exists()
    response = as_user(province.bob).post(url, {"code": "CS-01", "owner_name": "Văn phòng"})
    adoption = Adoption.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:detail", args=["844", adoption.document_id])


def test_adopting_twice_shows_the_forms_error(policy, province, as_user):
    url = reverse("library:adopt", args=["842", policy.pk])
    client = as_user(province.alice)
    assert client.post(url, {"code": "CS-01", "owner_name": "VP"}).status_code == 302
    response = client.post(url, {"code": "CS-02", "owner_name": "VP"})
    assert response.status_code == 400
    assert "This agency has already adopted template CS-01." in response.content.decode()


def test_a_foreign_adoption_is_hidden_and_the_update_is_brought_in(policy, province, as_user):
    adoption = AdoptionFactory(agency=province.d844, template=policy, actor=province.bob)
    new_version(policy, province.admin)
    own = reverse("library:adoption", args=["844", adoption.pk])
    assert as_user(province.alice).get(own).status_code == 404
    assert as_user(province.alice).get(reverse("library:adoption", args=["842", adoption.pk])).status_code == 404
    page = as_user(province.bob).get(own).content.decode()
    assert "Update due" in page and "Ứng dụng công nghệ thông tin." in page  # the added line, in the diff
    handled = reverse("library:adoption_handled", args=["844", adoption.pk])
    assert as_user(province.viewer).post(handled, {"note": "x"}).status_code == 403
    assert as_user(province.bob).post(handled, {"note": ""}).status_code == 400
    assert as_user(province.bob).post(handled, {"note": "Đã cập nhật"}).status_code == 302
    assert Adoption.objects.get().version.number == 2


def test_the_province_sees_who_adopted_which_version(policy, province, as_user):
    for agency, user in ((province.d842, province.alice), (province.c29242, province.alice),
                         (province.d844, province.bob)):
        AdoptionFactory(agency=agency, template=policy, actor=user)
    new_version(policy, province.admin)
    policy.refresh_from_db()
    Adoption.objects.filter(agency=province.d844).update(version=policy.latest)  # 844 brought it in
    url = reverse("library:template", args=[policy.pk])
    response = as_user(province.viewer).get(url)
    t = response.context["template"]
    assert (t.adopted, t.current, t.behind, t.late) == (3, 1, 2, 0)
    # Scoped: 842's secretary counts and lists her subtree only (842 and 29242), both behind.
    response = as_user(province.alice).get(url)
    t = response.context["template"]
    assert (t.adopted, t.current, t.behind) == (2, 0, 2)
    assert "Huyện Càng Long" not in response.content.decode()
    # Late once the due date has passed.
    policy.latest.__class__.objects.filter(pk=policy.latest.pk).update(due_on=timezone.localdate().replace(year=2020))
    t = as_user(province.viewer).get(url, {"standing": "late"}).context
    assert (t["template"].late, t["page"].paginator.count) == (2, 2)


def _many(province, n: int, template, prefix: str = "3") -> None:
    tier = province.tiers["commune"]
    for i in range(n):
        agency = agency_create(actor=None, code=f"{prefix}{i:04d}", name=f"Xã {i}", tier=tier, parent=province.d844,
                               kind=AgencyKind.COMMUNE_COMMITTEE)
        AdoptionFactory(agency=agency, template=template, actor=province.admin, code=f"CS-{prefix}{i}")


@pytest.mark.parametrize("name", ["index", "template", "agency"])
def test_pages_cost_the_same_for_many_adoptions(name, policy, province, as_user, django_assert_num_queries):
    TemplateFactory(actor=province.admin, code="ST-01", kind="manual", sections={"purpose": "x"})
    urls = {"index": reverse("library:index"), "template": reverse("library:template", args=[policy.pk]),
            "agency": reverse("library:agency_index", args=["844"])}
    client = as_user(province.admin)
    _many(province, 2, policy)
    client.get(urls[name])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[name]).status_code == 200
    _many(province, 25, policy, prefix="4")
    new_version(policy, province.admin)
    with django_assert_num_queries(len(small)):
        assert client.get(urls[name]).status_code == 200
