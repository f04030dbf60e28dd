"""Procedure (TTHC) codes follow the national database's format, and a code stored before that rule never
breaks a page: the scope page lists it and its item can still be removed."""
import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isogov.objectives.onestop import read_onestop
from isogov.qms import services
from isogov.qms.models import Procedure, ScopeItem
from isogov.qms.tests.helpers import procedure

pytestmark = pytest.mark.django_db

NATIONAL = ["1.001234", "2.000123", "1.014390.H05", "2.002165.000.00.00.H62"]
ODD = ["1.2/3", "1.2", "abc", "1.001234/", "1.001234 x", "../1.001234", "1.001234?x=1", "1.001234#a", "%2F",
       "1.001234.h05.toolong7"]


@pytest.mark.parametrize("code", NATIONAL)
def test_national_codes_are_accepted(province, code):
    assert services.procedure_create(actor=province.admin, code=code, name="Thủ tục").code == code


def test_a_local_suffix_typed_in_lower_case_is_stored_as_the_database_writes_it(province):
    assert services.procedure_create(actor=province.admin, code=" 1.014390.h05 ", name="Thủ tục").code == "1.014390.H05"


@pytest.mark.parametrize("code", ODD)
def test_other_codes_are_refused_by_the_service_with_the_format(province, code):
    with pytest.raises(ValidationError) as refused:
        services.procedure_create(actor=province.admin, code=code, name="Thủ tục")
    assert "1.001234" in " ".join(refused.value.message_dict["code"])
    assert not Procedure.objects.exists()


def test_the_catalogue_form_shows_the_format_beside_the_code(province, as_user):
    response = as_user(province.admin).post(reverse("qms:procedures"), {"code": "1.2/3", "name": "Thủ tục X"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "1.014390.H05" in html and "Thủ tục X" in html and not Procedure.objects.exists()


def scope_with_odd_codes(agency):
    """Procedures stored before the format was enforced, straight into the database as old data would be."""
    items = []
    for i, code in enumerate(ODD):
        p = Procedure.objects.create(code=code, name=f"Thủ tục cũ {i}", field="Cũ", search_text=f"thu tuc cu {i}")
        items.append(ScopeItem.objects.create(agency=agency, procedure=p))
    return items


def test_the_scope_page_lists_odd_stored_codes_for_every_reader(province, as_user):
    scope_with_odd_codes(province.c29242)
    for user in (province.alice, province.viewer, province.admin):
        response = as_user(user).get(reverse("qms:scope", args=["29242"]))
        assert response.status_code == 200
        assert "1.2/3" in response.content.decode()


def test_each_odd_stored_code_can_be_removed_from_the_scope(province, as_user):
    scope_with_odd_codes(province.c29242)
    client = as_user(province.alice)
    for _code in ODD:
        html = client.get(reverse("qms:scope", args=["29242"])).content.decode()
        actions = re.findall(r'<form method="post" action="([^"]+/remove/)"', html)
        assert actions, html
        response = client.post(actions[0].replace("&amp;", "&"))
        assert response.status_code == 302, actions[0]
    assert not ScopeItem.objects.filter(agency=province.c29242).exists()


def test_the_scope_form_explains_the_format_of_a_malformed_code(province, as_user):
    procedure()
    response = as_user(province.alice).post(reverse("qms:scope", args=["29242"]), {"procedure": "1.2/3"})
    assert response.status_code == 400 and "1.014390.H05" in response.content.decode()
    response = as_user(province.alice).post(reverse("qms:scope", args=["29242"]), {"procedure": "9.999999"})
    assert response.status_code == 400 and "No procedure has this code" in response.content.decode()


def test_the_one_stop_shop_import_refuses_malformed_procedure_codes():
    text = ("Mã TTHC;Mã hồ sơ;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
            "1.2/3;H1;02/03/2025;09/03/2025;09/03/2025\n"
            "1.001193;H2;02/03/2025;09/03/2025;09/03/2025\n")
    result = read_onestop(data=text.encode(), filename="mot-cua.csv", year=2025, period="monthly",
                          today=dt.date(2025, 6, 30))
    messages = [str(e) for e in result.errors]
    assert len(messages) == 1 and "Row 2" in messages[0] and "1.014390.H05" in messages[0], messages
