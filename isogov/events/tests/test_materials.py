"""Materials are checked by content; a refused upload leaves nothing in storage or in the database."""
import pytest
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import DOCX, PDF_BYTES, PNG, XLSX, upload
from isogov.events.models import Material
from isogov.events.tests.helpers import event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


def stored(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


@pytest.fixture
def launch(province):
    return event(province, invited=[province.d842])


@pytest.mark.parametrize("name, content, stored_as, content_type", [
    ("Chương trình hội nghị.pdf", PDF_BYTES, "Chương_trình_hội_nghị.pdf", "application/pdf"),
    ("bao-cao.docx", DOCX, "bao-cao.docx", "wordprocessingml"),
    ("so-lieu.xlsx", XLSX, "so-lieu.xlsx", "spreadsheetml"),
    ("anh hoi nghi.png", PNG, "anh_hoi_nghi.png", "image/png"),
    ("ảnh.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "ảnh.jpg", "image/jpeg"),
    # The name says Word; the content says PDF, so it is stored (and served) as a PDF.
    ("tai-lieu.docx", PDF_BYTES, "tai-lieu.pdf", "application/pdf"),
])
def test_accepted_materials_are_stored_by_their_content(province, as_user, media, launch, name, content,
                                                        stored_as, content_type):
    client = as_user(province.admin)
    response = client.post(reverse("events:material_add", args=[launch.pk]),
                           {"title": "", "upload": upload(name, content)})
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.filename == stored_as and content_type in material.content_type
    assert stored(media) == [stored_as]
    assert AuditEvent.objects.filter(object_type="events.material", action="create").count() == 1
    download = as_user(province.alice).get(reverse("events:material_download", args=[material.pk]))
    assert download.status_code == 200 and content_type in download["Content-Type"]
    assert b"".join(download.streaming_content) == content and download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name, content, reason", [
    ("virus.pdf", b"MZ\x90\x00 not a pdf", "not a PDF, Word"),
    ("empty.pdf", b"", "empty"),
    ("fake.docx", b"PK\x03\x04 broken zip", "not a PDF, Word"),
    ("page.html", b"<html><script>alert(1)</script></html>", "not a PDF, Word"),
])
def test_refused_uploads_leave_nothing(province, as_user, media, launch, name, content, reason):
    before = AuditEvent.objects.count()
    response = as_user(province.admin).post(reverse("events:material_add", args=[launch.pk]),
                                            {"title": "Tài liệu", "upload": upload(name, content)})
    html = response.content.decode()
    assert response.status_code == 400 and reason in html and "Tài liệu" in html
    assert not Material.objects.exists() and stored(media) == [] and AuditEvent.objects.count() == before


def test_too_large_uploads_are_refused(province, as_user, media, launch, settings):
    settings.ISOGOV = {**settings.ISOGOV, "EVENT_MATERIAL_MAX_BYTES": 10}
    response = as_user(province.admin).post(reverse("events:material_add", args=[launch.pk]),
                                            {"upload": upload("a.pdf", PDF_BYTES)})
    assert response.status_code == 400 and "the limit is 10" in response.content.decode()
    assert stored(media) == []


def test_removal_deletes_the_file_after_commit(province, as_user, media, launch, django_capture_on_commit_callbacks):
    client = as_user(province.admin)
    client.post(reverse("events:material_add", args=[launch.pk]), {"upload": upload("a.pdf", PDF_BYTES)})
    material = Material.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:material_remove", args=[material.pk]))
    assert response.status_code == 302 and not Material.objects.exists() and stored(media) == []


def test_outsiders_and_readers_cannot_reach_or_change_materials(province, as_user, media, launch):
    as_user(province.admin).post(reverse("events:material_add", args=[launch.pk]),
                                 {"upload": upload("a.pdf", PDF_BYTES)})
    material = Material.objects.get()
    for who, code in (("bob", 404), ("charlie", 404)):
        client = as_user(getattr(province, who))
        assert client.get(reverse("events:material_download", args=[material.pk])).status_code == code
        assert client.post(reverse("events:material_remove", args=[material.pk])).status_code == code
    for who in ("alice", "viewer", "inspector"):
        client = as_user(getattr(province, who))
        assert client.post(reverse("events:material_remove", args=[material.pk])).status_code == 403
        assert client.post(reverse("events:material_add", args=[launch.pk]),
                           {"upload": upload("b.pdf", PDF_BYTES)}).status_code == 403
    assert Material.objects.count() == 1 and len(stored(media)) == 1
