import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import DOCX, upload, zip_bytes
from isogov.core.tests.files import PDF_BYTES as PDF
from isogov.documents import versioning
from isogov.documents.files import check_upload
from isogov.documents.models import Document, Version
from isogov.documents.tests.helpers import make_document, stored_files


@pytest.mark.parametrize("name,expected", [
    ("a.pdf", "pdf"), ("a.docx", "docx"), ("a.xlsx", "xlsx"), ("a.doc", "doc"), ("a.xls", "xls"),
    ("a.odt", "odt"), ("a.png", "png"), ("a.jpg", "jpeg"), ("A.JPEG", "jpeg"),
])
def test_accepted_types_by_content(name, expected):
    assert check_upload(upload(name)).file_type == expected


@pytest.mark.parametrize("name,content,message", [
    ("renamed.pdf", DOCX, "This file is named .pdf but its content is a Word document (DOCX)."),
    ("renamed.docx", PDF, "This file is named .docx but its content is a PDF document."),
    ("script.pdf", b"<html><script>alert(1)</script></html>", "not of an accepted type"),
    ("archive.docx", zip_bytes({"readme.txt": b"hi"}), "not of an accepted type"),
    ("sheet.odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
     "not of an accepted type"),
    ("broken.xlsx", b"PK\x03\x04 truncated", "not of an accepted type"),
    ("tool.exe", b"MZ\x90\x00", "Files of this type are not accepted"),
    ("noextension", PDF, "Files of this type are not accepted"),
    ("empty.pdf", b"", "The file is empty."),
])
def test_refused_files_say_why(name, content, message):
    with pytest.raises(ValidationError) as exc:
        check_upload(upload(name, content))
    assert message in exc.value.messages[0]


def test_size_limit_comes_from_settings(settings):
    settings.ISOGOV = {**settings.ISOGOV, "DOCUMENT_MAX_BYTES": 1024}
    check_upload(upload("ok.pdf", PDF + b" " * (1024 - len(PDF))))
    with pytest.raises(ValidationError, match="the limit is 1.0"):
        check_upload(upload("big.pdf", PDF + b" " * 1024))


def nothing_left(storage) -> bool:
    return not stored_files(storage) and not Document.objects.exists() and not Version.objects.exists() \
        and not AuditEvent.objects.filter(object_type__startswith="documents.").exists()


@pytest.mark.parametrize("file,message", [
    (upload("renamed.pdf", DOCX), "its content is a Word document"),
    (upload("big.pdf", PDF + b" " * 2048), "the limit is"),
    (upload("empty.pdf", b""), "The file is empty."),
])
def test_refused_upload_on_create_leaves_nothing(province, storage, settings, file, message):
    settings.ISOGOV = {**settings.ISOGOV, "DOCUMENT_MAX_BYTES": 1024}
    with pytest.raises(ValidationError) as exc:
        make_document(province.d842, province.alice, file=file)
    assert message in exc.value.message_dict["file"][0]
    assert nothing_left(storage)


def test_refused_upload_on_new_version_and_draft_edit_leaves_nothing(province, storage):
    doc = make_document(province.d842, province.alice)
    v1 = doc.versions.get()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="its content is a Word document"):
        versioning.version_update(version=v1, actor=province.alice, file=upload("x.pdf", DOCX))
    v1.refresh_from_db()
    assert not v1.file and not stored_files(storage) and AuditEvent.objects.count() == events
    versioning.version_transition(version=v1, actor=province.alice, action="withdraw", reason="Soạn lại")
    with pytest.raises(ValidationError, match="The file is empty"):
        versioning.version_create(document=doc, actor=province.alice, change_summary="Sửa bước 3",
                                  file=upload("x.pdf", b""))
    assert doc.versions.count() == 1 and not stored_files(storage)


def test_accepted_upload_is_stored_under_the_agency(province, storage):
    doc = make_document(province.d842, province.alice, file=upload("Quy trình 01.docx"))
    version = doc.versions.get()
    assert version.file.name.startswith(f"documents/842/{doc.pk}/v01/")
    assert version.file_type == "docx" and version.file_size == len(DOCX)
    assert version.file_name == "Quy trình 01.docx"
    assert [p.read_bytes() for p in stored_files(storage)] == [DOCX]


def test_replacing_a_drafts_file_drops_the_old_one(province, storage, django_capture_on_commit_callbacks):
    doc = make_document(province.d842, province.alice, file=upload("a.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        versioning.version_update(version=doc.versions.get(), actor=province.alice, file=upload("b.docx"))
    assert [p.name for p in stored_files(storage)] == ["b.docx"]


def test_a_failure_after_storing_takes_the_file_away(province, storage, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("isogov.documents.versioning.audit_record", broken)
    with pytest.raises(RuntimeError):
        make_document(province.d842, province.alice, file=upload("a.pdf"))
    assert nothing_left(storage)
