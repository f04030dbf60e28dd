"""Training coverage as XLSX: the coverage page's agencies with its filter; an agency user's list holds only the
agencies they may read; a bad filter is refused, not silently dropped."""
import pytest

from isogov.core.tests.test_registers import in_vietnamese, read_register

pytestmark = pytest.mark.django_db


def test_the_list_as_the_page_shows_it(province, as_user):
    client = as_user(province.admin)
    page = client.get("/training/coverage/?tier=district&min=2")
    assert b"/training/coverage.xlsx?tier=district&amp;min=2" in page.content
    title, header, rows = read_register(client.get("/training/coverage.xlsx?tier=district&min=2"))
    assert title == in_vietnamese("Training coverage")
    assert [r[0] for r in rows] == [a.code for a in page.context["page"]] == ["842", "844"]
    assert [r[-1] for r in rows] == [0, 0] and header[0] == "Mã"


def test_an_agency_user_gets_only_their_agencies(province, as_user):
    _t, _h, rows = read_register(as_user(province.charlie).get("/training/coverage.xlsx"))
    assert [r[0] for r in rows] == ["STP"]


def test_a_bad_filter_is_refused(province, as_user):
    assert as_user(province.admin).get("/training/coverage.xlsx?min=0").status_code == 400
