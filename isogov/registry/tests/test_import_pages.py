"""The upload → preview → confirm pages, and who may use them."""
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isogov.audit.models import Action, AuditEvent
from isogov.registry.models import Agency
from isogov.registry.services import agency_create
from isogov.registry.tests.import_helpers import agency, csv_bytes, registry_state, xlsx_bytes
from isogov.registry.views_io import SESSION_KEY

pytestmark = pytest.mark.django_db
URL = reverse("registry:agency_import")
ROWS = [
    ["30001", "Xã Hòa Thuận", "Cấp xã", "850", "UBND xã", "", "", "", ""],
    ["850", "Huyện Châu Thành", "Cấp huyện", "", "UBND huyện", "Có", "", "", ""],
    ["STP", "Sở Tư pháp", "Cấp tỉnh", "", "sở", "Có", "Phạm Thị Lan", "", ""],
    ["SKHCN", "Sở Khoa học và Công nghệ", "Cấp tỉnh", "", "sở", "Có", "Trần Văn Lâm", "", ""],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


def stored_files(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def upload(client, data, name="don-vi.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("who", ["alice", "alice_head", "bob", "charlie", "inspector", "viewer"])
def test_only_the_programme_lead_may_import(province, as_user, media, who):
    client = as_user(getattr(province, who))
    before = registry_state()
    assert client.get(URL).status_code == 403
    assert upload(client, xlsx_bytes(ROWS)).status_code == 403
    assert client.post(URL, {"confirm": "1", "token": "x"}).status_code == 403
    assert registry_state() == before and stored_files(media) == []


def test_anonymous_is_sent_to_login(client, province):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_upload_page_has_a_file_input(province, as_user):
    html = as_user(province.admin).get(URL).content.decode()
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html and "Mã đơn vị cấp trên" in html


def test_preview_then_confirm(province, as_user, media):
    client = as_user(province.admin)
    before = registry_state()
    response = upload(client, xlsx_bytes(ROWS))
    html = response.content.decode()
    assert response.status_code == 200
    assert registry_state() == before  # the preview writes nothing
    assert '<strong data-testid="count-new">2</strong>' in html
    assert '<strong data-testid="count-updated">1</strong>' in html
    assert '<strong data-testid="count-unchanged">1</strong>' in html
    assert "Xã Hòa Thuận" in html and "Huyện Châu Thành" in html
    assert "<del>Lê Thị Hoa</del> → <ins>Phạm Thị Lan</ins>" in html
    pending = client.session[SESSION_KEY]
    assert pending["token"] in html and default_storage.exists(pending["name"])
    assert pending["token"] in pending["name"] and "don-vi" not in pending["name"]
    assert len(stored_files(media)) == 1

    response = client.post(URL, {"confirm": "1", "token": pending["token"]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("registry:agency_list")
    assert "2 new agencies, 1 updated, 1 unchanged" in response.content.decode()
    assert agency("30001").path == "/850/30001/" and agency("STP").iso_secretary == "Phạm Thị Lan"
    assert AuditEvent.objects.filter(actor=province.admin, action=Action.CREATE).count() == 2
    assert AuditEvent.objects.get(actor=province.admin, action=Action.UPDATE).changes == {
        "iso_secretary": ["Lê Thị Hoa", "Phạm Thị Lan"]}
    assert stored_files(media) == [] and SESSION_KEY not in client.session


def test_confirm_rechecks_the_registry_as_it_is_then(province, as_user, media):
    client = as_user(province.admin)
    upload(client, xlsx_bytes(ROWS))
    token = client.session[SESSION_KEY]["token"]
    # Someone adds the district by hand between preview and confirm: it is now an existing, unchanged agency.
    agency_create(actor=province.admin, code="850", name="Huyện Châu Thành", tier=province.tiers["district"],
                  kind="ubnd_huyen", mandatory=True)
    response = client.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert "1 new agencies, 1 updated, 2 unchanged" in response.content.decode()
    assert agency("30001").parent.code == "850"


def test_confirm_with_a_file_that_became_invalid_shows_errors(province, as_user, media):
    client = as_user(province.admin)
    rows = [["30001", "Xã Hòa Thuận", "Cấp xã", "TEMP", "UBND xã", "", "", "", ""]]
    temp = agency_create(actor=None, code="TEMP", name="Tạm", tier=province.tiers["district"])
    upload(client, csv_bytes(rows), "x.csv")
    token = client.session[SESSION_KEY]["token"]
    Agency.objects.filter(pk=temp.pk).delete()
    before = registry_state()
    response = client.post(URL, {"confirm": "1", "token": token})
    html = response.content.decode()
    assert response.status_code == 200 and "No agency has the code TEMP" in html
    assert registry_state() == before and stored_files(media) == []


def test_cancel_deletes_the_kept_file(province, as_user, media):
    client = as_user(province.admin)
    before = registry_state()
    upload(client, xlsx_bytes(ROWS))
    assert len(stored_files(media)) == 1
    response = client.post(URL, {"cancel": "1"})
    assert response.status_code == 302
    assert stored_files(media) == [] and registry_state() == before


def test_a_second_upload_replaces_the_first(province, as_user, media):
    client = as_user(province.admin)
    upload(client, xlsx_bytes(ROWS))
    first = client.session[SESSION_KEY]["token"]
    upload(client, csv_bytes(ROWS), "again.csv")
    assert len(stored_files(media)) == 1
    response = client.post(URL, {"confirm": "1", "token": first})
    assert response.status_code == 409 and "Upload the file again" in response.content.decode()
    assert not Agency.objects.filter(code="850").exists()


def test_confirm_without_a_pending_import_changes_nothing(province, as_user, media):
    client = as_user(province.admin)
    before = registry_state()
    response = client.post(URL, {"confirm": "1", "token": "forged"})
    assert response.status_code == 409 and registry_state() == before


def test_nothing_to_change_offers_no_confirm(province, as_user, media):
    client = as_user(province.admin)
    rows = [["STP", "Sở Tư pháp", "Cấp tỉnh", "", "sở", "Có", "Lê Thị Hoa", "", ""]]
    html = upload(client, xlsx_bytes(rows)).content.decode()
    assert "Nothing to change" in html and 'name="confirm"' not in html
    assert stored_files(media) == [] and SESSION_KEY not in client.session


def test_errors_are_listed_in_the_page_with_row_column_and_reason(province, as_user, media):
    client = as_user(province.admin)
    rows = [["30001", "Xã A", "Cấp xã", "NOPE", "UBND xã", "", "", "", ""],
            ["30002", "", "Cấp xã", "842", "UBND xã", "", "", "not-an-email", ""]]
    before = registry_state()
    response = upload(client, xlsx_bytes(rows))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in html
    assert '<td class="num">2</td><td>Mã đơn vị cấp trên</td><td>No agency has the code NOPE' in html
    assert '<td class="num">3</td><td>Tên đơn vị</td><td>A value is required.</td>' in html
    assert "not-an-email" in html
    assert registry_state() == before and stored_files(media) == []


def test_upload_over_the_size_limit_is_refused_clearly(province, as_user, media, settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_BYTES": 1000}
    client = as_user(province.admin)
    before = registry_state()
    response = upload(client, xlsx_bytes(ROWS))
    html = response.content.decode()
    # A refused form answers 400 (issue 8: one write-flow).
    assert response.status_code == 400 and "the limit is 1000" in html.replace("\xa0", " ")
    assert registry_state() == before and stored_files(media) == []


def test_empty_upload_is_refused(province, as_user, media):
    client = as_user(province.admin)
    before = registry_state()
    html = upload(client, b"", "empty.csv").content.decode()
    assert "empty" in html and registry_state() == before


def test_a_new_upload_sweeps_previews_abandoned_longer_than_a_session(province, as_user, media, settings):
    (media / "imports").mkdir(parents=True)
    abandoned, recent = media / "imports" / "old-token.xlsx", media / "imports" / "other-session.csv"
    abandoned.write_bytes(b"x")
    recent.write_bytes(b"y")
    long_ago = time.time() - settings.SESSION_COOKIE_AGE - 60
    os.utime(abandoned, (long_ago, long_ago))
    upload(as_user(province.admin), xlsx_bytes(ROWS))
    kept = stored_files(media)
    assert "old-token.xlsx" not in kept and "other-session.csv" in kept and len(kept) == 2
