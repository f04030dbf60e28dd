"""The library's rules, on a fixture counted by hand (isogov/conftest.py's province):

agencies of the kinds the templates are for: districts 842 and 844, communes 29242, 29245 (under 842) and 29278
(under 844). Template A is adopted by 842 and 29242 (alice, whose district holds the commune); template B by 844.
29245 and 29278 adopt nothing. A's version 02 must give the update duty to exactly 842 and 29242; once 842 brings it
in, to 29242 alone.
"""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.documents.models import DocumentKind, VersionStatus
from isogov.library import duties, rules, services
from isogov.library.models import Adoption
from isogov.library.tests.factories import AdoptionFactory, TemplateFactory, new_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(province):
    p = province
    p.a = TemplateFactory(actor=p.admin, code="CS-01")
    p.b = TemplateFactory(actor=p.admin, code="ST-01", kind="manual", title="Sổ tay chất lượng",
                          sections={"purpose": "Mô tả HTQLCL.", "body": "Nội dung sổ tay."})
    p.a_842 = AdoptionFactory(agency=p.d842, template=p.a, actor=p.alice)
    p.a_29242 = AdoptionFactory(agency=p.c29242, template=p.a, actor=p.alice)
    p.b_844 = AdoptionFactory(agency=p.d844, template=p.b, actor=p.bob)
    return p


def _owing(today=None):
    today = today or timezone.localdate()
    return sorted((d.agency_id, d.kind) for d in duties.duties(agency_ids=None, today=today))


def test_a_new_version_flags_exactly_the_agencies_that_adopted_it(adopted):
    p = adopted
    assert _owing() == []
    new_version(p.a, p.admin)
    owing = duties.duties(agency_ids=None, today=timezone.localdate())
    assert sorted(d.agency_id for d in owing) == sorted([p.d842.pk, p.c29242.pk])
    assert {d.kind for d in owing} == {"library.update"}
    # No legal text behind the change: the library's default of 6 months.
    assert {d.due for d in owing} == {rules.due_on(timezone.localdate(), "")}
    services.adoption_mark_handled(adoption=p.a_842, actor=p.alice, note="Đã đưa vào bản nháp.")
    assert [d.agency_id for d in duties.duties(agency_ids=None, today=timezone.localdate())] == [p.c29242.pk]
    # Scoped: 844's to-do never holds it.
    assert duties.duties(agency_ids=[p.d844.pk, p.c29278.pk, p.c29245.pk], today=timezone.localdate()) == []


def test_the_home_todo_gathers_the_library_duty(adopted):
    from isogov.home.areas import all_duties

    new_version(adopted.a, adopted.admin)
    kinds = [d.kind for d in all_duties(agency_ids=[adopted.c29242.pk], today=timezone.localdate())]
    assert kinds.count("library.update") == 1


def test_a_change_from_a_legal_text_is_due_in_three_months(adopted, settings):
    today = dt.date(2026, 11, 30)
    version = services.template_version_publish(
        template=adopted.a, actor=adopted.admin, sections={"purpose": "x", "scope": "y", "body": "z"},
        why="Theo Nghị định 118/2025/NĐ-CP.", legal_basis="Nghị định 118/2025/NĐ-CP", today=today)
    assert version.due_on == dt.date(2027, 2, 28)  # 30/11 + 3 months: the month's last day
    other = new_version(adopted.b, adopted.admin, body="Sửa lỗi chính tả.")
    assert other.due_on == rules.due_on(other.published_on, "")
    settings.ISOGOV = {**settings.ISOGOV, "TEMPLATE_UPDATE_MONTHS": 2}
    assert rules.due_on(dt.date(2026, 1, 15), "") == dt.date(2026, 3, 15)


def test_late_after_the_due_date(adopted):
    version = new_version(adopted.a, adopted.admin)
    before = version.due_on
    assert rules.standing(Adoption.objects.select_related("template__latest", "version").get(
        pk=adopted.a_842.pk), before) == rules.Standing.BEHIND
    assert rules.standing(Adoption.objects.select_related("template__latest", "version").get(
        pk=adopted.a_842.pk), before + dt.timedelta(days=1)) == rules.Standing.LATE


def test_adoption_makes_a_draft_document_through_the_documents_services(adopted):
    p = adopted
    doc = p.a_842.document
    assert doc.agency == p.d842 and doc.code == "CS-01" and doc.kind == DocumentKind.QUALITY_POLICY
    version = doc.versions.get()
    assert version.status == VersionStatus.DRAFT and version.number == 1
    assert version.file_type == "docx" and version.file_name == "CS-01-v01.docx"
    trail = set(AuditEvent.objects.filter(agency=p.d842).values_list("object_type", "action"))
    assert {("documents.document", "create"), ("documents.version", "create"),
            ("library.adoption", "create")} <= trail


def test_the_same_agency_cannot_adopt_twice(adopted):
    with pytest.raises(ValidationError) as refused:
        services.template_adopt(agency=adopted.d842, template=adopted.a, actor=adopted.alice, owner_name="VP",
                                code="CS-99")
    assert refused.value.message_dict == {"template": ["This agency has already adopted template CS-01."]}
    assert Adoption.objects.filter(agency=adopted.d842).count() == 1


def test_a_template_for_other_kinds_is_refused(adopted):
    with pytest.raises(ValidationError, match="meant for other kinds"):
        services.template_adopt(agency=adopted.stp, template=adopted.a, actor=adopted.charlie, owner_name="VP")


def test_a_document_code_clash_adopts_nothing(adopted):
    from isogov.documents.tests.factories import DocumentFactory

    DocumentFactory(agency=adopted.c29245, actor=adopted.alice, code="ST-01")
    with pytest.raises(ValidationError) as refused:
        services.template_adopt(agency=adopted.c29245, template=adopted.b, actor=adopted.alice, owner_name="VP")
    assert list(refused.value.message_dict) == ["code"]
    assert not Adoption.objects.filter(agency=adopted.c29245).exists()


def test_taking_the_version_starts_a_draft_and_the_documents_rule_holds(adopted):
    p = adopted
    new_version(p.a, p.admin)
    # 29242's version 01 is still a draft: the documents' rule (one version in progress) refuses a second.
    with pytest.raises(ValidationError, match="still in progress"):
        services.adoption_take_version(adoption=p.a_29242, actor=p.alice)
    services.adoption_mark_handled(adoption=p.a_29242, actor=p.alice, note="Đã cập nhật vào bản nháp đang soạn.")
    a = Adoption.objects.get(pk=p.a_29242.pk)
    assert a.version.number == 2 and a.update_note.startswith("Đã cập nhật")
    with pytest.raises(ValidationError, match="already follows version 02"):
        services.adoption_mark_handled(adoption=a, actor=p.alice, note="lần nữa")


def test_taking_the_version_after_publication(adopted):
    from isogov.documents import versioning

    p = adopted
    v1 = p.a_842.document.versions.get()
    versioning.version_transition(version=v1, actor=p.alice, action="submit")
    versioning.version_transition(version=v1, actor=p.alice_head, action="approve")
    versioning.version_transition(version=v1, actor=p.alice, action="publish", effective_on=timezone.localdate())
    new_version(p.a, p.admin)
    services.adoption_take_version(adoption=p.a_842, actor=p.alice)
    versions = list(p.a_842.document.versions.order_by("number").values_list("number", "status", "file_type"))
    assert versions == [(1, "published", "docx"), (2, "draft", "docx")]
    assert "CS-01 version 02" in p.a_842.document.versions.get(number=2).change_summary


def test_handled_needs_a_note(adopted):
    new_version(adopted.a, adopted.admin)
    with pytest.raises(ValidationError) as refused:
        services.adoption_mark_handled(adoption=adopted.a_842, actor=adopted.alice, note="  ")
    assert list(refused.value.message_dict) == ["note"]


def test_version_two_needs_a_why(adopted):
    with pytest.raises(ValidationError) as refused:
        new_version(adopted.a, adopted.admin, why="")
    assert list(refused.value.message_dict) == ["why"]


def test_diff_lists_the_changed_sections_only(adopted):
    v2 = new_version(adopted.a, adopted.admin,
                     body="Lãnh đạo cam kết:\nGiải quyết hồ sơ sớm hạn.\nCông khai, minh bạch.")
    v1 = adopted.a.versions.get(number=1)
    changes = rules.diff(v1, v2, "policy")
    assert [c.name for c in changes] == ["body"]
    assert changes[0].lines == [("same", "Lãnh đạo cam kết:"), ("removed", "Giải quyết hồ sơ đúng hạn."),
                                ("added", "Giải quyết hồ sơ sớm hạn."), ("same", "Công khai, minh bạch.")]


def test_the_word_file_has_the_framework_layout(province):
    import io

    from docx import Document as Docx

    sections = {"purpose": "Quy định trình tự đăng ký kết hôn.", "scope": "UBND cấp xã.",
                "steps": "B1 | Tiếp nhận hồ sơ | Bộ phận Một cửa | 0,5 giờ | Phiếu tiếp nhận\nB2 | Ký | Chủ tịch",
                "records": "Sổ đăng ký kết hôn."}
    from isogov.qms.services import procedure_create

    procedure = procedure_create(actor=province.admin, code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch")
    template = TemplateFactory(actor=province.admin, kind="process", code="QT-HT-KH", title="Quy trình đăng ký kết hôn",
                               agency_kinds=["ubnd_xa"], procedure=procedure, sections=sections)
    word = Docx(io.BytesIO(services.render_for(template.latest, agency=province.c29242, code="QT-05")))
    header = [c.text for c in word.tables[0].rows[0].cells]
    assert header[0] == "PHƯỜNG 4" and header[1] == "QUY TRÌNH ĐĂNG KÝ KẾT HÔN"
    assert "Mã hiệu: QT-05" in header[2] and "Lần ban hành: 01" in header[2]
    assert [c.text for c in word.tables[1].rows[0].cells][1:] == ["Người soạn thảo", "Người xem xét", "Người phê duyệt"]
    assert [c.text for c in word.tables[2].rows[1].cells][:3] == ["01", template.latest.published_on.strftime(
        "%d/%m/%Y"), "Ban hành lần đầu"]
    headings = [p.text for p in word.paragraphs if p.text[:2] in {f"{n}." for n in range(1, 8)}]
    assert headings == ["1. MỤC ĐÍCH", "2. PHẠM VI ÁP DỤNG", "3. TÀI LIỆU VIỆN DẪN", "4. ĐỊNH NGHĨA VÀ CHỮ VIẾT TẮT",
                        "5. NỘI DUNG QUY TRÌNH", "6. BIỂU MẪU", "7. HỒ SƠ CẦN LƯU"]
    steps = [[c.text for c in row.cells] for row in word.tables[3].rows]
    assert steps[1] == ["B1", "Tiếp nhận hồ sơ", "Bộ phận Một cửa", "0,5 giờ", "Phiếu tiếp nhận"]
    assert steps[2] == ["B2", "Ký", "Chủ tịch", "", ""]
