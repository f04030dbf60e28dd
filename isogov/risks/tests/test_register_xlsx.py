"""The risk register as XLSX: the page's rows with its filter; out of scope is 404."""
import datetime as dt

import pytest

from isogov.core.tests.test_registers import in_vietnamese, read_register
from isogov.risks import services

pytestmark = pytest.mark.django_db


def risk(agency, actor, description, likelihood, impact, kind="risk"):
    return services.risk_create(agency=agency, actor=actor, kind=kind, description=description, likelihood=likelihood,
                                impact=impact, owner="Văn phòng", review_date=dt.date(2026, 6, 30))


def test_the_register_as_the_page_shows_it(province, as_user):
    p = province
    risk(p.d842, p.alice, "Mất hồ sơ giấy", 4, 5)
    risk(p.d842, p.alice, "Số hoá hồ sơ", 2, 2, kind="opportunity")
    risk(p.d844, p.bob, "Của Càng Long", 5, 5)
    client = as_user(p.alice)
    page = client.get("/agencies/842/risks/?kind=risk")
    assert b"/agencies/842/risks/register.xlsx?kind=risk" in page.content
    title, header, rows = read_register(client.get("/agencies/842/risks/register.xlsx?kind=risk"))
    assert title == in_vietnamese("Risk register")
    assert [r[2] for r in rows] == [r.description for r in page.context["risks"]] == ["Mất hồ sơ giấy"]
    # 4 × 5 = 20, a high rating; the review date a date.
    assert rows[0][4:7] == [4, 5, "20 (Cao)"] and rows[0][9] == dt.datetime(2026, 6, 30)
    assert len(header) == 13


def test_out_of_scope_is_404(province, as_user):
    assert as_user(province.charlie).get("/agencies/842/risks/register.xlsx").status_code == 404
