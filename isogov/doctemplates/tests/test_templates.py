"""The programme lead replaces a document's Word template, the documents use it, a broken one is refused with
nothing changed, and the default comes back; nobody else reaches the page."""
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from isogov.audit.models import AuditEvent
from isogov.conftest import login
from isogov.core import official
from isogov.core.tests.docx_edit import edited
from isogov.core.tests.files import PDF_BYTES
from isogov.doctemplates.models import Replacement
from isogov.reviews.tests.helpers import held

pytestmark = pytest.mark.django_db
KEY = "review_minutes"
DETAIL = reverse("doctemplates:detail", args=[KEY])


def _default() -> bytes:
    return official.get(KEY).default.read_bytes()


def _upload(data: bytes, name="bien-ban.docx"):
    return {"file": SimpleUploadedFile(name, data)}


def _minutes_text(client, review) -> str:
    response = client.get(reverse("reviews:minutes", args=[review.agency.code, review.pk]))
    doc = Document(io.BytesIO(response.content))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def test_only_the_programme_lead_reaches_the_templates(province, as_user):
    lead = as_user(province.admin)
    page = lead.get(reverse("doctemplates:index")).content.decode()
    for key in ("plan_report", "audit_report", "review_minutes", "inspection_record", "qms_announcement"):
        assert f'data-testid="template-{key}"' in page
    assert lead.get(reverse("doctemplates:detail", args=["no_such_document"])).status_code == 404
    for user in (province.alice, province.viewer, province.inspector, province.alice_head):
        other = as_user(user)
        assert other.get(reverse("doctemplates:index")).status_code == 403
        assert other.get(reverse("doctemplates:download", args=[KEY])).status_code == 403
        assert other.post(DETAIL, _upload(_default())).status_code == 403
        assert other.post(reverse("doctemplates:reset", args=[KEY])).status_code == 403
    assert not Replacement.objects.exists() and not default_storage.exists(official.stored_name(KEY))
    assert Client().get(reverse("doctemplates:index")).status_code == 302  # to the login page


def test_a_replaced_template_is_used_and_the_default_comes_back(province, as_user):
    review = held(province.d842)
    lead, reader = login(Client(), province.admin), login(Client(), province.viewer)
    assert "Thành phần tham dự" in _minutes_text(reader, review)
    mine = edited(_default(), "Thành phần tham dự", "Những người dự họp")

    response = lead.post(DETAIL, _upload(mine, "mau-bien-ban.docx"))

    assert response.status_code == 302
    replacement = Replacement.objects.get(key=KEY)
    assert (replacement.file_name, replacement.size, replacement.replaced_by) == ("mau-bien-ban.docx", len(mine),
                                                                                  province.admin)
    assert lead.get(reverse("doctemplates:download", args=[KEY])).getvalue() == mine
    text = _minutes_text(reader, review)
    assert "Những người dự họp" in text and "Thành phần tham dự" not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nguyễn Văn Bình" in text
    page = lead.get(reverse("doctemplates:index")).content.decode()
    row = page.split('data-testid="template-review_minutes"')[1].split("</tr>")[0]
    assert "Replaced" in row and str(province.admin) in row
    event = AuditEvent.objects.get(object_type="doctemplates.replacement")
    assert (event.action, event.actor) == ("create", province.admin)

    assert lead.post(reverse("doctemplates:reset", args=[KEY])).status_code == 302

    assert not Replacement.objects.exists() and not default_storage.exists(official.stored_name(KEY))
    assert "Thành phần tham dự" in _minutes_text(reader, review)
    assert AuditEvent.objects.filter(object_type="doctemplates.replacement", action="delete").count() == 1


@pytest.mark.parametrize("upload, says", [
    (_upload(PDF_BYTES, "bien-ban.pdf"), "not a Word document"),
    (_upload(b"", "trong.docx"), "empty"),
    (_upload(edited(official.get(KEY).default.read_bytes(), "{{ chair }}", "{{ chair "), "hong.docx"),
     "does not render"),
    (_upload(edited(official.get(KEY).default.read_bytes(), "{{ chair }}", "{{ chair.name.x() }}"), "sai.docx"),
     "does not render"),
])
def test_a_broken_upload_is_refused_beside_the_field_and_nothing_changes(province, as_user, upload, says):
    lead = as_user(province.admin)
    mine = edited(_default(), "Thành phần tham dự", "Những người dự họp")
    assert lead.post(DETAIL, _upload(mine)).status_code == 302
    before = (list(Replacement.objects.values()), AuditEvent.objects.count())

    response = lead.post(DETAIL, upload)

    assert response.status_code == 400
    page = response.content.decode()
    error = page.split('id="id_file_error"')[1].split("</div>")[0]
    assert says in error
    if "render" in says:
        assert "Near:" in error and "Chủ trì" in error  # where the faulty tag is
    assert (list(Replacement.objects.values()), AuditEvent.objects.count()) == before
    with default_storage.open(official.stored_name(KEY), "rb") as f:
        assert f.read() == mine
