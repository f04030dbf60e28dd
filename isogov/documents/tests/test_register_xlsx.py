"""The document list as XLSX: the page's rows with its filter, in Vietnamese; out of scope is 404."""
import datetime as dt

import pytest

from isogov.core.tests.test_registers import in_vietnamese, read_register
from isogov.documents.tests.helpers import make_document, make_legal

pytestmark = pytest.mark.django_db


def test_the_list_as_the_page_shows_it(province, as_user):
    p = province
    make_document(p.d842, p.alice, code="QT-01", title="=Quy trình kiểm soát tài liệu")
    make_legal(p.d842, p.alice, code="VB-01", effective_on=dt.date(2025, 11, 30))
    make_document(p.d844, p.bob, code="QT-99", title="Của Càng Long")
    client = as_user(p.alice)
    page = client.get("/agencies/842/documents/?kind=external")
    assert b"/agencies/842/documents/register.xlsx?kind=external" in page.content
    title, header, rows = read_register(client.get("/agencies/842/documents/register.xlsx?kind=external"))
    assert title == in_vietnamese("List of documents")
    assert header[:3] == ["Mã", "Tiêu đề", "Loại hình"]  # the page's own column names
    assert [r[0] for r in rows] == [d.code for d in page.context["documents"]] == ["VB-01"]
    # 30/11/2025 + 3 months: 28/02/2026, a real date.
    assert rows[0][-1] == dt.datetime(2026, 2, 28)
    _t, _h, every = read_register(client.get("/agencies/842/documents/register.xlsx"))
    assert sorted(r[0] for r in every) == ["QT-01", "VB-01"]
    assert next(r for r in every if r[0] == "QT-01")[1] == "=Quy trình kiểm soát tài liệu"  # text, not a formula


def test_out_of_scope_is_404(province, as_user):
    assert as_user(province.bob).get("/agencies/842/documents/register.xlsx").status_code == 404


def test_queries_do_not_grow_with_the_rows(province, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = province
    client = as_user(p.alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/agencies/842/documents/register.xlsx").status_code == 200
        return len(ctx)

    make_document(p.d842, p.alice, code="QT-01", owner_user=p.alice)
    make_legal(p.d842, p.alice, code="VB-01")
    count()  # the first request fills per-process caches
    few = count()
    for n in range(2, 14):
        make_document(p.d842, p.alice, code=f"QT-{n:02d}", owner_user=p.alice)
        make_legal(p.d842, p.alice, code=f"VB-{n:02d}")
    assert count() == few
