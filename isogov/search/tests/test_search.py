"""What the search box finds: every kind, with or without diacritics, ranked, paged, and only what the reader may
read. The fixture's agencies (conftest.province): alice works for 842, bob for 844, charlie for STP."""
import io

import pytest

from isogov.capa.tests.factories import NonconformityFactory
from isogov.core.tests.files import upload
from isogov.documents import services as documents
from isogov.documents import versioning
from isogov.documents.tests.factories import DocumentFactory
from isogov.programme.tests.factories import ActivityFactory, PlanFactory
from isogov.qms.tests.factories import ProcedureFactory
from isogov.search import extract, selectors
from isogov.search.models import SearchEntry
from isogov.search.tests.helpers import docx_upload, found, pdf_upload, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def marriage(province):
    """Bob's (844) two marriage documents, one with the words in its file only; alice's (842) own copy."""
    p = province
    p.bob_title = DocumentFactory(agency=p.d844, actor=p.bob, code="QT-HT-01", title="Quy trình Đăng ký kết hôn")
    p.bob_file = DocumentFactory(agency=p.d844, actor=p.bob, code="QT-HT-02", title="Quy trình hộ tịch",
                                 file=docx_upload("Bước 1: tiếp nhận hồ sơ đăng ký kết hôn tại bộ phận một cửa."))
    p.alice_doc = DocumentFactory(agency=p.d842, actor=p.alice, code="QT-HT-01", title="Quy trình Đăng ký kết hôn")
    p.procedure = ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch")
    return p


def test_words_typed_without_diacritics_find_them_and_back(marriage):
    p = marriage
    assert set(titles(p.bob, "ket hon")) == {"Quy trình Đăng ký kết hôn", "Quy trình hộ tịch", "Đăng ký kết hôn"}
    assert titles(p.bob, "KẾT HÔN") == titles(p.bob, "ket hon")
    # đ is a letter of its own, not d with a mark: folded by hand (core.text.fold)
    assert "Quy trình Đăng ký kết hôn" in titles(p.bob, "dang ky")
    DocumentFactory(agency=p.d844, actor=p.bob, code="QT-X", title="quy trinh dang ky ket hon (ban khong dau)")
    assert "quy trinh dang ky ket hon (ban khong dau)" in titles(p.bob, "Đăng ký kết hôn")
    assert titles(p.bob, "ket hon ly") == []  # every word must be there


def test_the_last_word_is_a_prefix_as_one_types(marriage):
    assert "Đăng ký kết hôn" in titles(marriage.bob, "dang ky ket h")
    assert titles(marriage.bob, "hon ket") != []
    assert titles(marriage.bob, "on") == []  # "on" starts no word: "hôn" is not found by its middle


def test_title_and_code_rank_above_the_file_text(marriage):
    p = marriage
    results = found(p.bob, "ket hon", kind="document")
    assert results == [("document", "Quy trình Đăng ký kết hôn"), ("document", "Quy trình hộ tịch")]
    assert found(p.bob, "QT-HT-02") == [("document", "Quy trình hộ tịch")]


def test_each_kind_is_found(marriage):
    p = marriage
    NonconformityFactory(agency=p.d844, actor=p.bob, description="Hồ sơ kết hôn trả trễ hạn")
    plan = PlanFactory(province=p, title="Kế hoạch ISO năm 2026 về hộ tịch")
    ActivityFactory(plan=plan, actor=p.admin, title="Tập huấn quy trình kết hôn")
    lead = {kind for kind, _ in found(p.admin, "ket hon")}
    assert lead == {"document", "procedure", "nonconformity", "activity"}
    assert found(p.admin, "ho tich", kind="plan") == [("plan", "Kế hoạch ISO năm 2026 về hộ tịch")]
    assert sorted(titles(p.admin, "cang long", kind="agency")) == ["Huyện Càng Long", "Thị trấn Càng Long"]
    assert sorted(found(p.admin, "alice", kind="person")) == [("person", "Alice"), ("person", "Alice_head")]
    assert found(p.admin, "1.000894") == [("procedure", "Đăng ký kết hôn")]


def test_a_pdf_files_text_is_found(province):
    p = province
    DocumentFactory(agency=p.d844, actor=p.bob, code="QD-01", title="Quyết định ban hành",
                    file=pdf_upload("Quyet dinh ve viec cong bo thu tuc chung thuc"))
    assert titles(p.bob, "chứng thực") == ["Quyết định ban hành"]


def test_a_file_that_cannot_be_read_adds_no_text_and_is_not_refused(province):
    p = province
    # core/tests/files.DOCX passes the upload's checks but is no Word document python-docx can open
    doc = DocumentFactory(agency=p.d844, actor=p.bob, code="QT-09", title="Quy trình lưu trữ",
                          file=upload("luu-tru.docx"))
    assert doc.versions.get().file
    assert titles(p.bob, "luu tru") == ["Quy trình lưu trữ"]
    assert SearchEntry.objects.get(kind="document", object_id=doc.pk).body_folded == ""
    assert extract.text_of(io.BytesIO(b"%PDF-1.4 nothing"), "pdf") == ""


def test_reading_a_long_file_stops_at_the_cap(province, monkeypatch):
    monkeypatch.setattr(extract, "MAX_CHARS", 50)
    text = extract.text_of(docx_upload(*["Bước tiếp nhận hồ sơ một cửa"] * 20).file, "docx")
    assert len(text) == 50 and text.startswith("Bước tiếp nhận")


def test_the_result_type_filter_and_its_counts(marriage):
    results = selectors.search(user=marriage.bob, q="ket hon", kind="procedure")
    assert [e.title for e in results.entries] == ["Đăng ký kết hôn"]
    assert results.counts == {"document": 2, "procedure": 1}
    assert results.total == 1 and results.all_total == 3


def test_results_come_a_page_at_a_time(province, monkeypatch):
    p = province
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    for n in range(5):
        DocumentFactory(agency=p.d844, actor=p.bob, code=f"BM-{n}", title=f"Biểu mẫu sổ theo dõi {n}")
    pages = [selectors.search(user=p.bob, q="so theo doi", page=n) for n in (1, 2, 3)]
    seen = [e.title for page in pages for e in page.entries]
    assert sorted(seen) == [f"Biểu mẫu sổ theo dõi {n}" for n in range(5)]
    assert [page.has_next for page in pages] == [True, True, False]
    assert pages[0].total == 5


def test_the_index_follows_edits_deletes_and_new_files(marriage):
    p = marriage
    doc = p.bob_title
    documents.document_update(document=doc, actor=p.bob, code=doc.code, title="Quy trình chứng thực bản sao",
                              kind=doc.kind, owner_name=doc.owner_name)
    assert "Quy trình chứng thực bản sao" in titles(p.bob, "chung thuc")
    assert "Quy trình Đăng ký kết hôn" not in titles(p.bob, "ket hon")
    # a new draft version's file brings its words, and the old file's go
    version = p.bob_file.versions.get()
    versioning.version_update(version=version, actor=p.bob, file=docx_upload("Đăng ký khai sinh cho trẻ em"))
    assert titles(p.bob, "khai sinh") == ["Quy trình hộ tịch"]
    assert titles(p.bob, "ket hon", kind="document") == []
    p.bob_file.delete()
    assert titles(p.bob, "khai sinh") == []
    assert not SearchEntry.objects.filter(kind="document", object_id=p.bob_file.pk).exists()


def test_a_broad_query_counts_up_to_the_cap_and_still_pages_on(province, monkeypatch, as_user):
    from isogov.search import engines

    p = province
    monkeypatch.setattr(engines, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    for n in range(6):
        DocumentFactory(agency=p.d844, actor=p.bob, code=f"HS-{n}", title=f"Hồ sơ lưu trữ {n}")
    first = selectors.search(user=p.bob, q="ho so luu tru")
    assert first.capped and first.all_total == 4 and first.has_next
    assert len(selectors.search(user=p.bob, q="ho so luu tru", page=3).entries) == 2
    page = as_user(p.bob).get("/search/", {"q": "ho so luu tru"}).content.decode()
    assert "More than 3 results" in page
