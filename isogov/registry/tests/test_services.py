import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import agency_create, agency_update

pytestmark = pytest.mark.django_db


def test_create_normalises_and_audits(province):
    decomposed = "Xa\u0303 Long \u0110u\u031b\u0301c"  # "Xã Long Đức" typed with combining marks
    agency = agency_create(actor=province.admin, code="29247", name=decomposed, tier=province.tiers["commune"],
                           parent=province.d842, kind=AgencyKind.COMMUNE_COMMITTEE)
    assert agency.name == "Xã Long Đức" and agency.path == "/842/29247/"
    assert agency.mandatory is False  # communes are encouraged by default (Decision 19/2014)
    event = AuditEvent.objects.get(object_id=str(agency.pk), action="create")
    assert event.actor == province.admin and event.changes["name"] == "Xã Long Đức"


def test_duplicate_code_and_bad_values_refused(province):
    with pytest.raises(ValidationError) as exc:
        agency_create(actor=province.admin, code="842", name="Trùng", tier=province.tiers["district"])
    assert "already exists" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        agency_create(actor=province.admin, code="a/b", name="", tier=province.tiers["district"], email="nope")
    assert set(exc.value.message_dict) == {"code", "name", "email"}


def test_moving_an_agency_moves_its_subtree(province):
    agency_update(actor=province.admin, agency=province.d842, parent=province.stp)
    assert Agency.objects.get(code="29242").path == "/STP/842/29242/"
    events = AuditEvent.objects.filter(agency=province.d842, action="update")
    assert events.get().changes == {"parent": [None, "STP"]}


def test_cycles_refused(province):
    with pytest.raises(ValidationError) as exc:
        agency_update(actor=province.admin, agency=province.d842, parent=province.c29242)
    assert "under itself" in str(exc.value)
    with pytest.raises(ValidationError):
        agency_update(actor=province.admin, agency=province.d842, parent=province.d842)
    assert Agency.objects.get(code="842").parent is None


def test_update_without_change_writes_no_audit(province):
    before = AuditEvent.objects.count()
    agency_update(actor=province.admin, agency=province.stp, name="Sở Tư pháp")
    assert AuditEvent.objects.count() == before


def test_admin_creates_agency_from_the_page(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("registry:agency_create"), {
        "code": "29251", "name": "Xã Long Đức", "tier": "commune", "parent": "842", "kind": "ubnd_xa",
        "email": "ubnd.longduc@travinh.gov.vn", "active_from": "01/01/2020",
    })
    assert response.status_code == 302
    agency = Agency.objects.get(code="29251")
    assert agency.parent == province.d842 and agency.active_from == dt.date(2020, 1, 1)


def test_agency_users_cannot_create_or_merge(province, as_user):
    for user in (province.alice, province.viewer, province.inspector):
        client = as_user(user)
        assert client.post(reverse("registry:agency_create"), {
            "code": "1", "name": "X", "tier": "commune", "kind": "khac"}).status_code == 403
        assert client.post(reverse("registry:agency_merge", args=["29245"]), {
            "into": "29242", "effective_date": "01/07/2025"}).status_code == 403
    assert not Agency.objects.filter(code="1").exists()
    assert Agency.objects.get(code="29245").status == "active"


def test_secretary_edits_only_contacts_of_own_agency(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("registry:agency_edit", args=["29242"]), {
        "iso_secretary": "Phạm Thị Mai", "email": "p4@travinh.gov.vn", "phone": "0294 3855 123",
        "name": "Hacked", "parent": "STP"})
    assert response.status_code == 302
    agency = Agency.objects.get(code="29242")
    assert agency.iso_secretary == "Phạm Thị Mai" and agency.name == "Phường 4" and agency.parent == province.d842
    assert as_user(province.bob).post(reverse("registry:agency_edit", args=["29242"]),
                                      {"iso_secretary": "X"}).status_code == 404


def test_merge_page_records_merge(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("registry:agency_merge", args=["29245"]),
                           {"into": "29242", "effective_date": "01/07/2025", "note": "NQ 1687"})
    assert response.status_code == 302
    merged = Agency.objects.get(code="29245")
    assert merged.status == "merged" and merged.merged_into.code == "29242"
    # Merged agencies leave the default list but stay findable.
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert "Phường 1" not in html
    html = client.get(reverse("registry:agency_list"), {"status": ""}).content.decode()
    assert "Phường 1" in html


def test_language_switch(province, as_user, vietnamese):
    client = as_user(province.admin)
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert "Cơ quan" in html and 'lang="vi"' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/agencies/"})
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert 'lang="en"' in html and "Agencies and their QMS" in html


def test_language_switch_on_a_refused_form_goes_back_to_the_form_page(province, as_user):
    # The refused step is shown at the POST-only transition address; switching there used to end in a 405.
    client = as_user(province.alice)
    page = "http://testserver" + reverse("registry:agency_detail", args=["842"])
    response = client.post(reverse("qms:transition", args=["842"]), {"to_state": "applying"}, HTTP_REFERER=page)
    assert response.status_code == 400
    assert f'name="next" value="{page}"' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "vi", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(reverse("registry:agency_list"), {"q": "phuong"}).content.decode()
    assert 'name="next" value="/agencies/?q=phuong"' in html


def test_vietnamese_even_for_an_english_browser(province, client, vietnamese):
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("registry:agency_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html and "Cơ quan, đơn vị và HTQLCL" in html


def test_new_agency_takes_the_tiers_default_unless_told(province, as_user):
    client = as_user(province.admin)
    base = {"tier": "district", "kind": "ubnd_huyen"}
    data = {**base, "code": "850", "name": "Huyện Duyên Hải"}
    assert client.post(reverse("registry:agency_create"), data).status_code == 302
    assert client.post(reverse("registry:agency_create"),
                       {**base, "code": "851", "name": "Thị xã Duyên Hải", "mandatory": "no"}).status_code == 302
    assert Agency.objects.get(code="850").mandatory is True  # district level: mandatory by Decision 19/2014
    assert Agency.objects.get(code="851").mandatory is False
    response = client.get(reverse("registry:agency_edit", args=["851"]))
    assert '<option value="no" selected>' in response.content.decode()
