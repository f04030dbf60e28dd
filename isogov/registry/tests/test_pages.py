import pytest
from django.urls import reverse

from isogov.qms.models import Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_agency_list_shows_only_own_subtree_to_agency_users(province, as_user):
    html = as_user(province.alice).get(reverse("registry:agency_list")).content.decode()
    assert "Thành phố Trà Vinh" in html and "Phường 4" in html
    assert "Huyện Càng Long" not in html and "Sở Tư pháp" not in html


def test_province_roles_see_every_agency(province, as_user):
    for user in (province.admin, province.inspector, province.viewer):
        html = as_user(user).get(reverse("registry:agency_list")).content.decode()
        assert "Huyện Càng Long" in html and "Sở Tư pháp" in html and "Phường 4" in html


def test_search_ignores_diacritics_and_case(province, as_user):
    client = as_user(province.admin)
    html = client.get(reverse("registry:agency_list"), {"q": "so tu phap"}).content.decode()
    assert "Sở Tư pháp" in html and "Sở Khoa học" not in html
    html = client.get(reverse("registry:agency_list"), {"q": "CÀNG LONG"}).content.decode()
    assert "Huyện Càng Long" in html and "Thị trấn Càng Long" in html and "Phường 4" not in html


def test_filters_by_tier_state_and_mandatory(province, as_user):
    Agency.objects.filter(code="STP").update(qms_state=QmsState.APPLYING)
    client = as_user(province.admin)
    html = client.get(reverse("registry:agency_list"), {"tier": "commune"}).content.decode()
    assert "Phường 4" in html and "Sở Tư pháp" not in html
    html = client.get(reverse("registry:agency_list"), {"state": "applying"}).content.decode()
    assert "Sở Tư pháp" in html and "Phường 4" not in html
    html = client.get(reverse("registry:agency_list"), {"mandatory": "no"}).content.decode()
    assert "Phường 4" in html and "Sở Tư pháp" not in html  # communes are encouraged by default


def test_foreign_agency_page_is_404_and_edit_is_refused(province, as_user):
    client = as_user(province.bob)
    assert client.get(reverse("registry:agency_detail", args=["842"])).status_code == 404
    assert client.get(reverse("registry:agency_detail", args=["29242"])).status_code == 404
    assert client.post(reverse("registry:agency_edit", args=["842"]), {"email": "x@y.vn"}).status_code == 404
    assert client.get(reverse("registry:agency_detail", args=["844"])).status_code == 200


def test_viewer_reads_but_cannot_write(province, as_user):
    client = as_user(province.viewer)
    assert client.get(reverse("registry:agency_detail", args=["842"])).status_code == 200
    response = client.post(reverse("qms:transition", args=["842"]), {"to_state": "building"})
    assert response.status_code == 403
    assert Transition.objects.count() == 0


def test_anonymous_is_sent_to_login(client, province):
    response = client.get(reverse("registry:agency_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_edit_form_reshows_input_with_error(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("registry:agency_edit", args=["STP"]), {
        "name": "Sở Tư pháp mới", "tier": "province", "parent": "NOPE", "kind": "so_nganh",
        "email": "not-an-email",
    })
    html = response.content.decode()
    assert response.status_code == 400  # a refused form answers 400 (issue 8: one write-flow)
    assert "Sở Tư pháp mới" in html and "NOPE" in html and "not-an-email" in html
    assert Agency.objects.get(code="STP").name == "Sở Tư pháp"


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["status"] == "ok"


def test_filtering_with_htmx_refreshes_the_export_links_too(province, as_user):
    # The export buttons sit outside the swapped results; before, they kept the filters of the first load.
    response = as_user(province.admin).get(reverse("registry:agency_list"), {"tier": "commune", "q": "phuong"},
                                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'id="agency-export"' in html and 'hx-swap-oob="true"' in html
    export = reverse("registry:agency_export")
    assert f'{export}?tier=commune&amp;q=phuong&amp;format=xlsx' in html
    assert f'{export}?tier=commune&amp;q=phuong&amp;format=csv' in html
    full = as_user(province.admin).get(reverse("registry:agency_list"), {"tier": "commune"}).content.decode()
    assert full.count('id="agency-export"') == 1 and 'hx-swap-oob' not in full
