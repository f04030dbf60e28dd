import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import Action, AuditEvent
from isogov.clauses.models import Clause
from isogov.documents import selectors, services
from isogov.documents.models import Document, DocumentKind
from isogov.documents.tests.helpers import make_document, make_legal
from isogov.qms.tests.helpers import procedure

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def test_create_records_document_first_draft_and_audit(province, iso2015):
    clauses = list(Clause.objects.filter(framework=iso2015, number__in=["7.5", "4.3"]))
    doc = make_document(province.d842, province.alice, clauses=clauses, owner_user=province.alice_head)
    assert doc.search_text == "qt-01 quy trinh kiem soat tai lieu"
    assert sorted(doc.clauses.values_list("number", flat=True)) == ["4.3", "7.5"]
    assert doc.versions.get().status == "draft"
    event = AuditEvent.objects.get(object_type="documents.document")
    assert event.action == Action.CREATE and event.changes["clauses"] == ["4.3", "7.5"]
    assert event.agency == province.d842


def test_codes_are_unique_per_agency_only(province):
    make_document(province.d842, province.alice, code="QT-01")
    assert errors_of(lambda: make_document(province.d842, province.alice, code="qt-01"))["code"] == [
        "This agency already has a document with code qt-01."]
    make_document(province.c29242, province.alice, code="QT-01")
    assert Document.objects.count() == 2


def test_required_fields_and_owner(province):
    errors = errors_of(lambda: services.document_create(agency=province.d842, actor=province.alice, code=" ",
                                                        title="", kind="nonsense"))
    assert set(errors) == {"code", "title", "kind", "owner_name"}
    errors = errors_of(lambda: make_document(province.d842, province.alice, owner_user=province.bob))
    assert errors["owner_user"] == ["The owner's account must belong to this agency."]


def test_legal_details_only_and_always_for_legal_texts(province):
    errors = errors_of(lambda: make_document(province.d842, province.alice, kind=DocumentKind.EXTERNAL))
    assert set(errors) == {"legal_number", "legal_effective_on"}
    errors = errors_of(lambda: make_document(province.d842, province.alice, legal_number="61/2018/NĐ-CP"))
    assert errors["legal_number"] == ["Only an external document (legal text) has this detail."]
    future = dt.date.today() + dt.timedelta(days=30)
    errors = errors_of(lambda: make_legal(province.d842, province.alice, incorporated_on=future))
    assert errors["incorporated_on"] == ["This date cannot be in the future."]
    doc = make_legal(province.d842, province.alice, effective_on=dt.date(2025, 11, 30))
    assert doc.legal_due_on == dt.date(2026, 2, 28)


def test_internal_process_links_one_procedure_of_the_scope(province):
    from isogov.qms.services import scope_add

    p = procedure()
    errors = errors_of(lambda: make_document(province.d842, province.alice, kind=DocumentKind.PROCESS, procedure=p))
    assert errors["procedure"] == ["Procedure 1.001193 is not in this agency's scope."]
    scope_add(agency=province.d842, actor=province.alice, procedure=p)
    make_document(province.d842, province.alice, kind=DocumentKind.PROCESS, procedure=p)
    errors = errors_of(lambda: make_document(province.d842, province.alice, code="QT-02",
                                             kind=DocumentKind.PROCESS, procedure=p))
    assert errors["procedure"] == ["Document QT-01 is already the process for this procedure."]
    errors = errors_of(lambda: make_document(province.d842, province.alice, code="QT-03", procedure=p))
    assert errors["procedure"] == ["Only an internal process is linked to an administrative procedure."]


def test_update_logs_what_changed_and_nothing_when_nothing_changed(province):
    doc = make_document(province.d842, province.alice)
    fields = {"code": doc.code, "title": "Quy trình kiểm soát thông tin dạng văn bản", "kind": doc.kind,
              "owner_name": doc.owner_name}
    services.document_update(document=doc, actor=province.alice, **fields)
    event = AuditEvent.objects.filter(action=Action.UPDATE).get()
    assert event.changes["title"] == ["Quy trình kiểm soát tài liệu", "Quy trình kiểm soát thông tin dạng văn bản"]
    assert set(event.changes) == {"title"}
    services.document_update(document=doc, actor=province.alice, **fields)
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1
    doc.refresh_from_db()
    assert "thong tin dang van ban" in doc.search_text


def test_incorporate_only_legal_texts(province):
    doc = make_legal(province.d842, province.alice)
    services.document_incorporate(document=doc, actor=province.alice, incorporated_on=dt.date(2026, 2, 1))
    doc.refresh_from_db()
    assert doc.incorporated_on == dt.date(2026, 2, 1)
    other = make_document(province.d842, province.alice, code="QT-09")
    with pytest.raises(ValidationError, match="Only an external document"):
        services.document_incorporate(document=other, actor=province.alice, incorporated_on=dt.date(2026, 2, 1))


def test_search_ignores_case_and_diacritics_and_filters(province):
    make_document(province.d842, province.alice)
    make_legal(province.d842, province.alice, legal_number="107/2021/NĐ-CP")
    make_document(province.d844, province.bob, code="QT-05", title="Quy trình đánh giá nội bộ")
    today = dt.date(2026, 11, 25)

    def codes(**kw):
        qs = selectors.document_list(agency=province.d842, data=kw, today=today).qs
        return sorted(d.code for d in qs)

    assert codes(q="KIEM SOAT tai lieu") == ["QT-01"]
    assert codes(q="107/2021") == ["VB-01"]
    assert codes(q="đánh giá") == []  # another agency's document
    assert codes(kind=DocumentKind.EXTERNAL) == ["VB-01"]
    assert codes(status="draft") == ["QT-01", "VB-01"]
    assert codes(status="published") == []
    assert codes(legal="overdue") == ["VB-01"]
