"""A province legal text recorded once reaches exactly the agencies whose scope holds a procedure it affects.

The fixture, counted by hand: the province has 7 agencies (SKHCN, STP, 842, 29242, 29245, 844, 29278). Birth
registration 1.001193 is in the scopes of communes 29242 and 29278; marriage registration 1.000894 in 29245's only.
A text on 1.001193 effective 15/01/2026 must reach 29242 and 29278 (2 agencies), due 15/04/2026 (+3 months), and
none of the 5 others.
"""
import datetime as dt

import pytest

from isogov.catalogue.models import LegalNotice, LegalText
from isogov.catalogue.tests.factories import LegalTextFactory
from isogov.documents import duties as document_duties
from isogov.documents.models import Document, DocumentKind
from isogov.documents.tests.factories import LegalDocumentFactory
from isogov.home.areas import all_duties
from isogov.qms import services as qms

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped(province):
    p = province
    p.birth = qms.procedure_create(actor=p.admin, code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch")
    p.marriage = qms.procedure_create(actor=p.admin, code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch")
    for agency in (p.c29242, p.c29278):
        qms.scope_add(agency=agency, actor=p.admin, procedure=p.birth)
    qms.scope_add(agency=p.c29245, actor=p.admin, procedure=p.marriage)
    return p


def test_recorded_once_reaches_exactly_the_agencies_with_the_procedure(scoped):
    p = scoped
    text = LegalTextFactory(actor=p.admin, procedures=[p.birth])
    assert sorted(n.agency.code for n in text.notices.all()) == ["29242", "29278"]
    docs = Document.objects.filter(kind=DocumentKind.EXTERNAL, legal_number="12/2026/QĐ-UBND")
    assert sorted(docs.values_list("agency__code", flat=True)) == ["29242", "29278"]
    assert {d.legal_due_on for d in docs} == {dt.date(2026, 4, 15)}
    assert {d.legal_effective_on for d in docs} == {dt.date(2026, 1, 15)}
    # The 3-month duty is on each of the two agencies' to-do, and on no other agency's.
    today = dt.date(2026, 2, 1)
    legal = [d for d in all_duties(agency_ids=None, today=today) if d.kind == "documents.legal"]
    assert sorted((d.agency_id, d.due) for d in legal) == sorted(
        [(p.c29242.pk, dt.date(2026, 4, 15)), (p.c29278.pk, dt.date(2026, 4, 15))])


def test_an_agency_gaining_the_procedure_later_gets_the_text_too(scoped):
    p = scoped
    text = LegalTextFactory(actor=p.admin, procedures=[p.birth])
    qms.scope_add(agency=p.c29245, actor=p.alice, procedure=p.birth)
    assert sorted(n.agency.code for n in text.notices.all()) == ["29242", "29245", "29278"]
    doc = LegalNotice.objects.get(legal_text=text, agency=p.c29245).document
    # The law's clock runs from the text's effective date, for a late-comer too.
    assert doc.legal_due_on == dt.date(2026, 4, 15)
    # Adding another procedure the text does not affect brings nothing more.
    qms.scope_add(agency=p.d844, actor=p.admin, procedure=p.marriage)
    assert text.notices.count() == 3


def test_an_agency_that_recorded_the_text_itself_keeps_its_document(scoped):
    p = scoped
    own = LegalDocumentFactory(agency=p.c29242, actor=p.admin, legal_number="12/2026/qđ-ubnd",
                               legal_effective_on=dt.date(2026, 1, 15))
    text = LegalTextFactory(actor=p.admin, procedures=[p.birth])
    assert LegalNotice.objects.get(legal_text=text, agency=p.c29242).document == own
    assert Document.objects.filter(agency=p.c29242, kind=DocumentKind.EXTERNAL).count() == 1


def test_brought_in_shows_in_counts_and_leaves_the_to_do(scoped, client, as_user):
    from django.urls import reverse

    from isogov.documents import services as documents

    p = scoped
    text = LegalTextFactory(actor=p.admin, procedures=[p.birth])
    doc = LegalNotice.objects.get(legal_text=text, agency=p.c29242).document
    documents.document_incorporate(document=doc, actor=p.admin, incorporated_on=dt.date(2026, 3, 1))
    today = dt.date(2026, 5, 1)
    assert [d.agency_id for d in document_duties.duties(agency_ids=None, today=today)
            if d.kind == "documents.legal"] == [p.c29278.pk]
    as_user(p.viewer)
    page = client.get(reverse("catalogue:legal_detail", args=[text.pk]))
    assert page.status_code == 200
    counts = page.context["counts"]
    assert (counts["reached"], counts["brought_in"], counts["late"]) == (2, 1, 0)
    assert counts["pending"] + counts["overdue"] == 1


def test_a_number_is_recorded_once(scoped):
    from django.core.exceptions import ValidationError

    p = scoped
    LegalTextFactory(actor=p.admin, procedures=[p.birth])
    with pytest.raises(ValidationError) as exc:
        LegalTextFactory(actor=p.admin, procedures=[p.marriage], legal_number="12/2026/qđ-ubnd")
    assert "legal_number" in exc.value.message_dict
    assert LegalText.objects.count() == 1


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_province_pages_cost_the_same_queries_whatever_the_agencies(scoped, client, as_user):
    from django.urls import reverse

    p = scoped
    text = LegalTextFactory(actor=p.admin, procedures=[p.birth, p.marriage])  # 3 agencies
    as_user(p.viewer)
    urls = [reverse("catalogue:legal_detail", args=[text.pk]), reverse("catalogue:legal_index")]
    small = [_queries(client, url) for url in urls]
    for agency in (p.d842, p.d844, p.stp, p.skhcn):
        qms.scope_add(agency=agency, actor=p.admin, procedure=p.birth)  # each receives the text: 7 agencies
    assert text.notices.count() == 7
    LegalTextFactory(actor=p.admin, procedures=[p.marriage], legal_number="13/2026/QĐ-UBND")
    assert [_queries(client, url) for url in urls] == small
