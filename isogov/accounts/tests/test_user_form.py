"""The new-account form chooses nothing for the lead: no role is pre-selected (forgetting to change it must
not create an administrator), and the agency is picked from the agencies the lead may read, not typed."""
import re

import pytest
from django.urls import reverse

from isogov.accounts.models import Role, User
from isogov.conftest import PASSWORD
from isogov.registry.models import AgencyStatus

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[tuple[str, bool]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select named {name}"
    return [(value, bool(selected)) for value, selected in
            re.findall(r'<option value="([^"]*)"( selected)?', select.group(1))]


def test_new_account_form_preselects_no_role(province, as_user):
    html = as_user(province.admin).get(reverse("accounts:user_create")).content.decode()
    roles = _options(html, "role")
    assert roles[0][0] == "", "the first choice is an empty 'choose a role'"
    assert not any(selected for value, selected in roles if value), "no role is pre-selected"
    assert {value for value, _ in roles[1:]} == set(Role.values)
    assert re.search(r'<select name="role"[^>]*\brequired\b', html)


def test_submitting_without_a_role_is_refused_with_an_error_beside_the_role(province, as_user):
    data = {"username": "dung", "full_name": "Phạm Thị Dung", "email": "", "phone": "", "role": "",
            "agency": "29242", "password": "tra-vinh-quality-2020", "password_confirm": "tra-vinh-quality-2020"}
    response = as_user(province.admin).post(reverse("accounts:user_create"), data)
    assert response.status_code == 400
    assert "Choose a role." in response.context["form"].errors["role"]
    assert not User.objects.filter(username="dung").exists()
    # What was typed comes back: the chosen agency stays chosen.
    assert ("29242", True) in _options(response.content.decode(), "agency")


def test_agency_is_chosen_from_a_list_of_the_active_agencies(province, as_user):
    province.c29245.status = AgencyStatus.MERGED
    province.c29245.save(update_fields=["status"])
    html = as_user(province.admin).get(reverse("accounts:user_create")).content.decode()
    agencies = [value for value, _ in _options(html, "agency")]
    assert agencies[0] == ""  # inspectors and viewers may belong to none
    assert set(agencies[1:]) == {"SKHCN", "STP", "842", "29242", "844", "29278"}
    assert "Phường 4" in html
    # A searchable list: the shared script adds a filter box to selects that ask for one.
    assert re.search(r'<select name="agency"[^>]*data-filter', html)


def test_edit_form_keeps_an_account_in_its_merged_agency_selected(province, as_user):
    province.d844.status = AgencyStatus.MERGED
    province.d844.save(update_fields=["status"])
    client = as_user(province.admin)
    url = reverse("accounts:user_edit", args=[province.bob.pk])
    assert ("844", True) in _options(client.get(url).content.decode(), "agency")
    response = client.post(url, {"full_name": "Bob Trần", "email": "", "phone": "", "role": "secretary",
                                 "agency": "844"})
    assert response.status_code == 302
    province.bob.refresh_from_db()
    assert province.bob.full_name == "Bob Trần" and province.bob.agency == province.d844
    assert province.bob.check_password(PASSWORD)
