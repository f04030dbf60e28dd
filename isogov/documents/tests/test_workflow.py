import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from isogov.audit.models import Action, AuditEvent
from isogov.core.tests.files import upload
from isogov.documents.models import Version
from isogov.documents.models import VersionStatus as VS
from isogov.documents.tests.helpers import make_document
from isogov.documents.versioning import version_create, version_transition, version_update

pytestmark = pytest.mark.django_db


def step(version, actor, action, **kwargs):
    return version_transition(version=version, actor=actor, action=action, **kwargs)


def published(province, storage, *, agency=None, effective_on=dt.date(2026, 1, 5)):
    agency = agency or province.d842
    doc = make_document(agency, province.alice, file=upload("v1.pdf"))
    v1 = doc.versions.get()
    step(v1, province.alice, "submit")
    step(v1, province.admin if agency != province.d842 else province.alice_head, "approve")
    step(v1, province.alice, "publish", effective_on=effective_on)
    return doc, v1


def test_full_cycle_supersedes_the_version_in_force(province, storage):
    doc, v1 = published(province, storage)
    v1.refresh_from_db()
    assert v1.status == VS.PUBLISHED and v1.approved_by == province.alice_head and v1.published_by == province.alice
    v2 = version_create(document=doc, actor=province.alice, change_summary="Bổ sung bước tiếp nhận hồ sơ",
                        file=upload("v2.docx"))
    assert v2.number == 2 and v2.label == "02" and v2.status == VS.DRAFT
    step(v2, province.alice, "submit")
    step(v2, province.alice_head, "approve")
    step(v2, province.alice, "publish", effective_on=dt.date(2026, 6, 1))
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (VS.SUPERSEDED, VS.PUBLISHED)
    assert v1.ended_by == province.alice and v2.effective_on == dt.date(2026, 6, 1)
    assert doc.versions.filter(status=VS.PUBLISHED).count() == 1
    steps = list(AuditEvent.objects.filter(object_type="documents.version", action=Action.TRANSITION)
                 .order_by("id").values_list("object_id", "changes"))
    assert steps[-2:] == [(str(v1.pk), {"status": ["published", "superseded"]}),
                          (str(v2.pk), {"status": ["approved", "published"]})]


def test_return_to_draft_and_withdraw(province, storage):
    doc = make_document(province.d842, province.alice, file=upload("a.pdf"))
    v1 = doc.versions.get()
    step(v1, province.alice, "submit")
    step(v1, province.alice, "return", reason="Thiếu biểu mẫu")
    v1.refresh_from_db()
    assert v1.status == VS.DRAFT
    step(v1, province.alice, "withdraw", reason="Không còn áp dụng")
    v1.refresh_from_db()
    assert v1.status == VS.WITHDRAWN and v1.withdrawal_reason == "Không còn áp dụng"
    v2 = version_create(document=doc, actor=province.alice, change_summary="Soạn lại toàn bộ")
    assert v2.number == 2


def test_programme_lead_and_own_head_approve_but_not_a_parent_head(province, storage):
    doc = make_document(province.c29242, province.alice, file=upload("a.pdf"))
    v1 = doc.versions.get()
    step(v1, province.alice, "submit")
    with pytest.raises(ValidationError, match="Only the head of this agency or the programme lead approves"):
        step(v1, province.alice_head, "approve")  # head of district 842, not of commune 29242
    step(v1, province.admin, "approve")
    assert Version.objects.get(pk=v1.pk).status == VS.APPROVED


REFUSALS = [
    # (setup steps, actor, action, kwargs, field, message)
    ([], "alice", "approve", {}, "__all__", "Only a version in review can be approved (version 01 is “Draft”)."),
    ([], "alice", "publish", {"effective_on": dt.date(2026, 1, 1)}, "__all__",
     "Only an approved version can be published (version 01 is “Draft”)."),
    ([], "alice", "return", {}, "__all__", "Only a version in review or approved can go back to draft"),
    ([], "alice", "withdraw", {}, "reason", "Say why the version is withdrawn."),
    (["submit"], "alice", "submit", {}, "__all__", "Only a draft can be sent for review (version 01 is “In review”)."),
    (["submit"], "alice", "approve", {}, "__all__",
     "Only the head of this agency or the programme lead approves documents."),
    (["submit"], "bob", "approve", {}, "__all__",
     "Only the head of this agency or the programme lead approves documents."),
    (["submit", "approve"], "alice", "publish", {}, "effective_on",
     "Give the date from which this version takes effect."),
    (["submit", "approve", "publish"], "alice", "withdraw", {"reason": "Hết hiệu lực"}, "__all__",
     "Only the head of this agency or the programme lead withdraws a published version."),
    (["submit", "approve", "publish"], "alice", "publish", {"effective_on": dt.date(2026, 2, 1)}, "__all__",
     "Only an approved version can be published (version 01 is “Published”)."),
    (["withdraw"], "alice_head", "withdraw", {"reason": "x"}, "__all__",
     "Version 01 is “Withdrawn”: it can no longer be withdrawn."),
    ([], "alice", "destroy", {}, "__all__", "Unknown action."),
]


@pytest.mark.parametrize("setup,actor,action,kwargs,field,message", REFUSALS)
def test_refused_transitions_say_why_and_change_nothing(province, storage, setup, actor, action, kwargs, field,
                                                        message):
    doc = make_document(province.d842, province.alice, file=upload("a.pdf"))
    v1 = doc.versions.get()
    extra = {"publish": {"effective_on": dt.date(2026, 1, 1)}, "withdraw": {"reason": "Sai sót"}}
    for name in setup:
        step(v1, province.alice_head if name == "approve" else province.alice, name, **extra.get(name, {}))
    before = (Version.objects.get(pk=v1.pk).status, AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        step(v1, getattr(province, actor), action, **kwargs)
    assert any(message in m for m in exc.value.message_dict[field]), exc.value.message_dict
    assert (Version.objects.get(pk=v1.pk).status, AuditEvent.objects.count()) == before


def test_sending_for_review_needs_a_file(province, storage):
    v1 = make_document(province.d842, province.alice).versions.get()
    with pytest.raises(ValidationError, match="Attach the file before sending the version for review."):
        step(v1, province.alice, "submit")


def test_change_summary_required_from_version_two_and_one_version_in_progress(province, storage):
    doc, _v1 = published(province, storage)
    with pytest.raises(ValidationError) as exc:
        version_create(document=doc, actor=province.alice, change_summary="  ")
    assert exc.value.message_dict["change_summary"] == [
        "Say what changes in this version (required from version 02 on)."]
    v2 = version_create(document=doc, actor=province.alice, change_summary="Cập nhật căn cứ pháp lý")
    with pytest.raises(ValidationError, match="Version 02 is still in progress"):
        version_create(document=doc, actor=province.alice, change_summary="Thêm nữa")
    with pytest.raises(ValidationError, match="required from version 02 on"):
        version_update(version=v2, actor=province.alice, change_summary="")


def test_published_and_reviewed_versions_are_frozen(province, storage):
    doc, v1 = published(province, storage)
    name = Version.objects.get(pk=v1.pk).file.name
    with pytest.raises(ValidationError, match="Version 01 is “Published”: its file and details can no longer change"):
        version_update(version=v1, actor=province.alice, change_summary="sửa", file=upload("other.pdf"))
    assert Version.objects.get(pk=v1.pk).file.name == name
    v2 = version_create(document=doc, actor=province.alice, change_summary="Sửa", file=upload("v2.pdf"))
    step(v2, province.alice, "submit")
    with pytest.raises(ValidationError, match="“In review”"):
        version_update(version=v2, actor=province.alice, change_summary="Sửa lại")


def test_new_version_cannot_take_effect_before_the_one_in_force(province, storage):
    doc, _v1 = published(province, storage, effective_on=dt.date(2026, 3, 1))
    v2 = version_create(document=doc, actor=province.alice, change_summary="Sửa", file=upload("v2.pdf"))
    step(v2, province.alice, "submit")
    step(v2, province.alice_head, "approve")
    with pytest.raises(ValidationError) as exc:
        step(v2, province.alice, "publish", effective_on=dt.date(2026, 2, 1))
    assert exc.value.message_dict["effective_on"] == [
        "This version cannot take effect before version 01 now in force (01/03/2026)."]


def test_head_withdraws_a_published_version(province, storage):
    doc, v1 = published(province, storage)
    step(v1, province.alice_head, "withdraw", reason="Bãi bỏ theo quyết định mới")
    assert not doc.versions.filter(status=VS.PUBLISHED).exists()


def test_database_holds_one_published_version(province, storage):
    doc, v1 = published(province, storage)
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.create(document=doc, number=2, status=VS.PUBLISHED, created_at=v1.created_at)
