"""The ministry's read-only roles: the national viewer reads every agency and writes none; a province viewer reads
its own agency's subtree (a province's committee and everything under it) and writes none. The route walk
(core/tests/test_every_agency_page.py) asks the same of every page and the API matrix of every endpoint."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from isogov.accounts import access
from isogov.accounts.models import Role, User
from isogov.accounts.services import user_create
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewers(province):
    def user(username, role, agency=None):
        return User.objects.create(username=username, role=role, agency=agency)

    return {"national": user("bo", Role.NATIONAL_VIEWER), "province": user("pv", Role.PROVINCE_VIEWER, province.d842)}


def test_the_national_viewer_reads_every_agency_and_writes_none(province, viewers):
    user = viewers["national"]
    assert set(access.agencies_readable(user)) == set(Agency.objects.all())
    assert access.reads_whole_programme(user)
    for agency in Agency.objects.all():
        assert access.can_read_agency(user, agency)
        assert not access.can_write_agency(user, agency)
        assert not access.can_confirm_effectiveness(user, agency)
        assert not access.can_approve_documents(user, agency)
        with pytest.raises(PermissionDenied):
            access.access_agency(user, agency.code, write=True)
    for check in (access.can_manage_registry, access.can_manage_users, access.can_manage_programme,
                  access.can_manage_document_templates):
        assert not check(user), check.__name__
    with pytest.raises(PermissionDenied):
        access.access_province_report(user, write=True)
    access.access_province_report(user)  # reads the province's report


def test_a_province_viewer_reads_its_subtree_only_and_writes_none(province, viewers):
    user = viewers["province"]
    assert {a.code for a in access.agencies_readable(user)} == {"842", "29242", "29245"}
    assert not access.reads_whole_programme(user)
    for code in ("842", "29242"):
        assert access.access_agency(user, code).code == code
        with pytest.raises(PermissionDenied):
            access.access_agency(user, code, write=True)
    for code in ("844", "29278", "SKHCN"):  # another district, its commune, a department: not known to exist
        with pytest.raises(Http404):
            access.access_agency(user, code)
    with pytest.raises(Http404):
        access.access_province_report(user)


def test_a_province_viewer_must_name_the_agency_it_reads(province):
    with pytest.raises(ValidationError) as caught:
        user_create(actor=province.admin, username="pv2", password="a-long-unusual-passphrase-42",
                    role=Role.PROVINCE_VIEWER)
    assert "agency" in caught.value.message_dict


def test_the_viewer_of_before_still_reads_everything_whatever_its_agency(province):
    """Nothing a province's users see changes: a viewer with an agency (the demo's, at Sở Nội vụ) reads all."""
    user = User.objects.create(username="v2", role=Role.VIEWER, agency=province.stp)
    assert set(access.agencies_readable(user)) == set(Agency.objects.all())
