"""The compliance table as XLSX: the page's agencies with its filter, each item's level in words; an agency user's
table holds only the agencies they may read."""
import pytest

from isogov.core.tests.test_registers import in_vietnamese, read_register

pytestmark = pytest.mark.django_db


def test_the_table_as_the_page_shows_it(province, as_user):
    p = province
    client = as_user(p.admin)
    page = client.get("/compliance/?tier=commune")
    assert b"/compliance/table.xlsx?tier=commune" in page.content
    title, header, rows = read_register(client.get("/compliance/table.xlsx?tier=commune"))
    assert title == in_vietnamese("Compliance table")
    assert [r[0] for r in rows] == [c.agency.code for c in page.context["page"]] == ["29242", "29245", "29278"]
    assert len(header) == 4 + 6 + 1 and header[1] == "Đơn vị"
    assert rows[0][-1] == "không"  # not announced: not compliant
    assert all(":" in cell for cell in rows[0][4:10])  # each item: its level in words, then the fact


def test_an_agency_user_gets_only_their_agencies(province, as_user):
    _t, _h, rows = read_register(as_user(province.bob).get("/compliance/table.xlsx"))
    assert sorted(r[0] for r in rows) == ["29278", "844"]
