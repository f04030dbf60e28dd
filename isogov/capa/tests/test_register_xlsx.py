"""The nonconformity log as XLSX: the page's rows with its filter; out of scope is 404."""
import datetime as dt

import pytest

from isogov.capa.tests.helpers import open_nc, with_action
from isogov.core.tests.test_registers import in_vietnamese, read_register

pytestmark = pytest.mark.django_db


def test_the_log_as_the_page_shows_it(province, as_user):
    p = province
    open_nc(p.d842, p.alice, description="@SUM(1+1) hồ sơ trễ", detected_on=dt.date(2026, 3, 2))
    with_action(p.d842, p.alice, description="Thiếu chữ ký", detected_on=dt.date(2026, 4, 6))
    open_nc(p.d844, p.bob, description="Của Càng Long")
    client = as_user(p.alice_head)
    page = client.get("/agencies/842/capa/?state=draft")
    assert b"/agencies/842/capa/log.xlsx?state=draft" in page.content
    title, header, rows = read_register(client.get("/agencies/842/capa/log.xlsx?state=draft"))
    assert title == in_vietnamese("Nonconformity log")
    assert [r[0] for r in rows] == [nc.number for nc in page.context["page"]] == [1]
    assert rows[0][1] == dt.datetime(2026, 3, 2) and rows[0][5] == "@SUM(1+1) hồ sơ trễ"
    _t, _h, every = read_register(client.get("/agencies/842/capa/log.xlsx"))
    assert [r[0] for r in every] == [2, 1]  # the page's order: latest detected first
    assert header[0] == "#" and len(header) == 12


def test_out_of_scope_is_404(province, as_user):
    assert as_user(province.bob).get("/agencies/842/capa/log.xlsx").status_code == 404


def test_queries_do_not_grow_with_the_rows(province, as_user, iso2015):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from isogov.clauses.models import Clause

    p = province
    client = as_user(p.alice)
    clause = Clause.objects.get(framework=iso2015, number="8.5.1")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/agencies/842/capa/log.xlsx").status_code == 200
        return len(ctx)

    with_action(p.d842, p.alice, clause=clause)
    count()
    few = count()
    for n in range(12):
        with_action(p.d842, p.alice, clause=clause, description=f"Hồ sơ trễ {n}")
    assert count() == few
