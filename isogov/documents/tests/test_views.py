import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import DOCX, upload
from isogov.core.tests.files import PDF_BYTES as PDF
from isogov.documents.models import Document, Version
from isogov.documents.models import VersionStatus as VS
from isogov.documents.tests.helpers import make_document, make_legal, stored_files
from isogov.documents.versioning import version_create, version_transition

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"documents:{name}", args=args)


FORM = {"code": "QT-07", "title": "Quy trình giải quyết khiếu nại", "kind": "procedure",
        "owner_name": "Thanh tra huyện", "clauses": "7.5, 8.1"}


def test_secretary_creates_a_document_and_finds_it(province, as_user, storage, iso2015):
    client = as_user(province.alice)
    response = client.post(url("create", "842"), {**FORM, "owner_user": "alice", "file": upload("qt07.pdf")})
    assert response.status_code == 302
    doc = Document.objects.get()
    assert response["Location"] == url("detail", "842", doc.pk)
    assert sorted(doc.clauses.values_list("number", flat=True)) == ["7.5", "8.1"]
    html = client.get(url("agency_index", "842"), {"q": "khieu nai"}).content.decode()
    assert "Quy trình giải quyết khiếu nại" in html and 'aria-current="page"' in html
    html = client.get(url("agency_index", "842"), {"q": "khieu nai"}, HTTP_HX_REQUEST="true").content.decode()
    assert "QT-07" in html and "<html" not in html
    html = client.get(url("detail", "842", doc.pk)).content.decode()
    assert "qt07.pdf" in html and "Send for review" in html and "Change log" in html


def test_create_form_keeps_input_and_says_why(province, as_user, storage, iso2015):
    client = as_user(province.alice)
    response = client.post(url("create", "842"), {**FORM, "clauses": "7.5, 99.9", "file": upload("x.pdf", DOCX)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No ISO 9001:2015 clause has the number 99.9." in html and "Quy trình giải quyết khiếu nại" in html
    response = client.post(url("create", "842"), {**FORM, "file": upload("x.pdf", DOCX)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is named .pdf but its content is a Word document (DOCX)." in html and "Thanh tra huyện" in html
    assert not Document.objects.exists() and not stored_files(storage)


def test_workflow_buttons_and_refusal_message(province, as_user, storage):
    doc = make_document(province.d842, province.alice)
    v1 = doc.versions.get()
    client = as_user(province.alice)
    response = client.post(url("version_transition", "842", v1.pk), {"action": "submit"})
    assert response.status_code == 400
    assert "Attach the file before sending the version for review." in response.content.decode()
    assert client.post(url("version_edit", "842", v1.pk), {"file": upload("v1.pdf")}).status_code == 302
    assert client.post(url("version_transition", "842", v1.pk), {"action": "submit"}).status_code == 302
    response = client.post(url("version_transition", "842", v1.pk), {"action": "approve"})
    assert response.status_code == 400 and "Only the head of this agency" in response.content.decode()
    head = as_user(province.alice_head)
    assert "Approve" in head.get(url("detail", "842", doc.pk)).content.decode()
    assert head.post(url("version_transition", "842", v1.pk), {"action": "approve"}).status_code == 302
    response = head.post(url("version_transition", "842", v1.pk), {"action": "publish", "effective_on": "31/02/2026"})
    assert response.status_code == 400 and "31/02/2026" in response.content.decode()
    assert head.post(url("version_transition", "842", v1.pk),
                     {"action": "publish", "effective_on": "01/03/2026"}).status_code == 302
    v1.refresh_from_db()
    assert v1.status == VS.PUBLISHED and v1.effective_on == dt.date(2026, 3, 1)
    # Frozen: the edit page sends the user back with the reason.
    response = client.get(url("version_edit", "842", v1.pk), follow=True)
    assert "only a draft can be edited" in response.content.decode()
    response = client.post(url("version_create", "842", doc.pk), {"change_summary": ""})
    assert response.status_code == 400 and "required from version 02 on" in response.content.decode()
    assert client.post(url("version_create", "842", doc.pk),
                       {"change_summary": "Rút ngắn thời hạn", "file": upload("v2.docx")}).status_code == 302
    html = client.get(url("detail", "842", doc.pk)).content.decode()
    assert "Rút ngắn thời hạn" in html and "version 01 since 01/03/2026" in html


def test_file_download_checks_access(province, as_user, storage):
    doc = make_document(province.d842, province.alice, file=upload("Biểu mẫu.docx"))
    v1 = doc.versions.get()
    response = as_user(province.inspector).get(url("version_file", "842", v1.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == DOCX
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    for outsider in (province.bob, province.charlie):
        assert as_user(outsider).get(url("version_file", "842", v1.pk)).status_code == 404
    # The version belongs to 842: asking through another agency the user may read finds nothing.
    assert as_user(province.admin).get(url("version_file", "844", v1.pk)).status_code == 404
    pdf_doc = make_document(province.d842, province.alice, code="QT-02", file=upload("a.pdf"))
    response = as_user(province.alice).get(url("version_file", "842", pdf_doc.versions.get().pk))
    # Every stored upload is a download the browser does not sniff, PDFs and images included.
    assert response["Content-Disposition"].startswith("attachment") and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"


def test_outsiders_and_readers_are_refused(province, as_user, storage):
    doc = make_document(province.d842, province.alice, file=upload("a.pdf"))
    v1 = doc.versions.get()
    writes = [
        (url("create", "842"), FORM),
        (url("edit", "842", doc.pk), FORM),
        (url("version_create", "842", doc.pk), {"change_summary": "x"}),
        (url("version_edit", "842", v1.pk), {"change_summary": "x"}),
        (url("version_transition", "842", v1.pk), {"action": "submit"}),
        (url("incorporate", "842", doc.pk), {"incorporated_on": "01/01/2026"}),
    ]
    reads = [url("agency_index", "842"), url("detail", "842", doc.pk), url("version_file", "842", v1.pk)]
    before = (AuditEvent.objects.count(), Version.objects.get().status)
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.viewer, 403),
                           (province.inspector, 403)):
        client = as_user(user)
        for target, data in writes:
            assert client.post(target, data).status_code == expected, (user, target)
        for target in reads:
            assert client.get(target).status_code == (404 if expected == 404 else 200), (user, target)
    assert (AuditEvent.objects.count(), Version.objects.get().status) == before


def test_overdue_legal_texts_are_flagged(province, as_user):
    make_legal(province.d842, province.alice, code="VB-01", effective_on=dt.date(2020, 1, 1))
    make_legal(province.c29242, province.alice, code="VB-01", effective_on=dt.date(2020, 1, 1))
    make_legal(province.d844, province.bob, code="VB-01", effective_on=dt.date(2020, 1, 1))
    make_legal(province.d842, province.alice, code="VB-02", effective_on=dt.date(2020, 1, 1),
               incorporated_on=dt.date(2020, 2, 1))
    client = as_user(province.alice)
    html = client.get(url("agency_index", "842")).content.decode()
    assert 'data-testid="legal-overdue"' in html and "row-overdue" in html
    html = client.get(url("agency_index", "842"), {"legal": "overdue"}).content.decode()
    assert "VB-01" in html and "VB-02" not in html
    html = client.get(url("overdue_legal")).content.decode()
    assert "Thành phố Trà Vinh" in html and "Phường 4" in html and "Huyện Càng Long" not in html
    html = as_user(province.admin).get(url("overdue_legal")).content.decode()
    assert "Huyện Càng Long" in html
    doc = Document.objects.get(agency=province.d842, code="VB-01")
    assert client.post(url("incorporate", "842", doc.pk), {"incorporated_on": "01/06/2020"}).status_code == 302
    html = client.get(url("detail", "842", doc.pk)).content.decode()
    assert "Brought in late" in html


def _fill(agency, actor, approver, start, stop):
    """Documents in every state, with legal texts beside them."""
    for i in range(start, stop):
        doc = make_document(agency, actor, code=f"QT-{i:03d}", file=upload("a.pdf"), owner_user=actor)
        version = doc.versions.get()
        for action in ("submit", "approve", "publish")[: i % 4]:
            version_transition(version=version, actor=approver if action == "approve" else actor, action=action,
                               effective_on=dt.date(2026, 1, 1))
        make_legal(agency, actor, code=f"VB-{i:03d}", effective_on=dt.date(2026, 1 + i % 11, 1))


def _queries(client, target) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target).status_code == 200
    return len(ctx)


def test_list_query_count_does_not_grow(province, as_user, storage):
    client = as_user(province.alice)
    _fill(province.d842, province.alice, province.alice_head, 0, 2)
    small = _queries(client, url("agency_index", "842"))
    assert small <= 12
    _fill(province.d842, province.alice, province.alice_head, 2, 24)
    assert _queries(client, url("agency_index", "842")) == small
    assert _queries(client, url("agency_index", "842") + "?status=published&q=qt") == small


def test_detail_query_count_does_not_grow(province, as_user, storage):
    doc = make_document(province.d842, province.alice, file=upload("a.pdf"))
    client = as_user(province.alice)

    def publish_next(summary):
        version = doc.versions.filter(status="draft").first() or version_create(
            document=doc, actor=province.alice, change_summary=summary, file=upload("b.pdf"))
        for action in ("submit", "approve", "publish"):
            # Separation of duties: who submits does not approve.
            version_transition(version=version, actor=province.alice if action == "submit" else province.admin,
                               action=action, effective_on=dt.date(2026, 1, 1))

    publish_next("")
    version_create(document=doc, actor=province.alice, change_summary="Bản nháp", file=upload("c.pdf"))
    small = _queries(client, url("detail", "842", doc.pk))
    version = doc.versions.get(status="draft")
    version_transition(version=version, actor=province.alice, action="withdraw", reason="Soạn lại")
    for i in range(6):
        publish_next(f"Lần sửa {i}")
    version_create(document=doc, actor=province.alice, change_summary="Bản nháp mới", file=upload("c.pdf"))
    assert doc.versions.count() == 9
    assert _queries(client, url("detail", "842", doc.pk)) == small


@pytest.mark.parametrize("who", ["admin", "alice"])
def test_overdue_legal_page_query_count_does_not_grow(province, as_user, django_assert_num_queries, who):
    client = as_user(getattr(province, who))
    make_legal(province.d842, province.alice, effective_on=dt.date(2020, 1, 1))
    # session, user, [the reader's agency for the scope], the count, the page, its agencies, their three counts,
    # the top bar's notifications
    queries = 7 if who == "admin" else 8
    with django_assert_num_queries(queries):
        assert client.get(url("overdue_legal")).status_code == 200
    for agency in (province.d842, province.d844, province.c29242, province.c29245, province.c29278, province.stp):
        for code in ("VB-11", "VB-12", "VB-13"):
            make_legal(agency, province.admin, code=code, effective_on=dt.date(2020, 1, 1))
    with django_assert_num_queries(queries):
        response = client.get(url("overdue_legal"))
    assert response.content.decode().count("row-agency") == (6 if who == "admin" else 3)


def test_overdue_legal_page_is_paged_most_overdue_first_with_its_counts(province, as_user, settings):
    settings.ISOGOV = {**settings.ISOGOV, "AGENCY_PAGE_SIZE": 2}
    old = dt.date(2020, 1, 1)
    for agency, overdue in ((province.c29242, 1), (province.d844, 3), (province.stp, 2), (province.c29278, 2)):
        for i in range(overdue):
            make_legal(agency, province.admin, code=f"VB-{i}", effective_on=old)
    # Not overdue: still within its deadline, and one brought in late last month (it counts as late, not overdue).
    make_legal(province.c29242, province.admin, code="VB-new", effective_on=dt.date.today())
    make_legal(province.d844, province.admin, code="VB-late", effective_on=dt.date(2025, 1, 1),
               incorporated_on=dt.date.today() - dt.timedelta(days=30))
    client = as_user(province.admin)

    def page(number):
        response = client.get(url("overdue_legal"), {"page": number})
        assert response.status_code == 200 and response.context["total"] == 4
        return [(r["agency"].code, r["legal_overdue"], r["legal_pending"], r["legal_late_12m"])
                for r in response.context["rows"]]

    # Most overdue first, then by code; "still to be brought in" counts the text not yet due.
    assert page(1) == [("844", 3, 3, 1), ("29278", 2, 2, 0)]
    assert page(2) == [("STP", 2, 2, 0), ("29242", 1, 2, 0)]
    html = client.get(url("overdue_legal"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in html and "?page=1" in html
    # A district's secretary sees her subtree only, counted the same way.
    response = as_user(province.alice).get(url("overdue_legal"))
    assert response.context["total"] == 1 and [r["agency"].code for r in response.context["rows"]] == ["29242"]


def test_version_in_review_says_the_head_approves_it_next(province, as_user, storage):
    doc = make_document(province.d842, province.alice, file=upload("v1.pdf"))
    v1 = doc.versions.get()
    client = as_user(province.alice)
    assert 'data-testid="next-approver"' not in client.get(url("detail", "842", doc.pk)).content.decode()
    response = client.post(url("version_transition", "842", v1.pk), {"action": "submit"}, follow=True)
    html = response.content.decode()
    assert "Version 01 is now “In review”. The agency head approves it next." in html
    row = html.split(f'id="version-{v1.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "The agency head approves it next." in row and "Approve</button>" not in row
    assert as_user(province.alice_head).post(url("version_transition", "842", v1.pk),
                                             {"action": "approve"}).status_code == 302
    assert 'data-testid="next-approver"' not in client.get(url("detail", "842", doc.pk)).content.decode()
