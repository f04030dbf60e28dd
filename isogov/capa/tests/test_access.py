import pytest

from isogov.accounts import access
from isogov.capa.tests.helpers import with_action

pytestmark = pytest.mark.django_db


def test_users_who_can_write_are_the_agency_staff_its_parents_and_the_lead(province):
    assert set(access.users_who_can_write(province.c29242)) == {province.alice, province.alice_head, province.admin}
    assert set(access.users_who_can_write(province.d844)) == {province.bob, province.admin}
    province.alice.is_active = False
    province.alice.save()
    assert province.alice not in access.users_who_can_write(province.d842)


def test_can_verify_excludes_owners_and_outsiders(province):
    nc, _ = with_action(province.d842, province.alice, owner=province.alice)
    assert not access.can_verify_corrective_action(province.alice, nc)
    assert access.can_verify_corrective_action(province.alice_head, nc)
    assert access.can_verify_corrective_action(province.admin, nc)
    for user in (province.bob, province.viewer, province.inspector):
        assert not access.can_verify_corrective_action(user, nc)
