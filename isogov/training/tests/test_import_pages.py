"""The upload → preview → confirm pages of the attendance import."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isogov.registry.tests.import_helpers import xlsx_bytes
from isogov.training.models import Trainee
from isogov.training.tests.helpers import course, session
from isogov.training.tests.test_import import HEADER, ROWS, db_state
from isogov.training.views_io import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


def stored_files(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


@pytest.fixture
def sess(province):
    return session(course(province))


def url(sess):
    return reverse("training:session_import", args=[sess.pk])


def upload(client, sess, data, name="diem-danh.xlsx"):
    return client.post(url(sess), {"file": SimpleUploadedFile(name, data)})


def test_preview_then_confirm(province, as_user, sess, media):
    client = as_user(province.admin)
    assert 'type="file"' in client.get(url(sess)).content.decode()
    before = db_state()
    html = upload(client, sess, xlsx_bytes(ROWS, HEADER)).content.decode()
    assert '<strong data-testid="count-new">3</strong>' in html and "Thạch Thị Lan" in html
    assert db_state() == before and len(stored_files(media)) == 1
    token = client.session[SESSION_KEY]["token"]
    response = client.post(url(sess), {"confirm": "1", "token": token}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("training:session_detail", args=[sess.pk])
    assert "3 new trainees, 0 updated, 0 unchanged" in response.content.decode()
    assert Trainee.objects.count() == 3 and stored_files(media) == []
    # The same file again: nothing to confirm, nothing kept.
    html = upload(client, sess, xlsx_bytes(ROWS, HEADER)).content.decode()
    assert "already matches this file" in html and stored_files(media) == []


def test_errors_are_listed_and_nothing_is_kept(province, as_user, sess, media):
    client = as_user(province.admin)
    response = upload(client, sess, xlsx_bytes([["1", "An", "", "999", "", "", ""]], HEADER))
    html = response.content.decode()
    assert "1 error: nothing was imported" in html and "No agency has the code 999" in html
    assert not Trainee.objects.exists() and stored_files(media) == []


def test_stale_or_foreign_tokens_are_refused(province, as_user, sess, media):
    client = as_user(province.admin)
    upload(client, sess, xlsx_bytes(ROWS, HEADER))
    other = session(sess.course, start=sess.start_date.replace(day=20))
    token = client.session[SESSION_KEY]["token"]
    assert client.post(url(other), {"confirm": "1", "token": token}).status_code == 409
    assert client.post(url(sess), {"confirm": "1", "token": "forged"}).status_code == 409
    assert client.post(url(sess), {"cancel": "1"}).status_code == 302
    assert stored_files(media) == [] and not Trainee.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "viewer", "inspector"])
def test_only_the_lead_imports(province, as_user, sess, media, who):
    client = as_user(getattr(province, who))
    assert client.get(url(sess)).status_code == 403
    assert upload(client, sess, xlsx_bytes(ROWS, HEADER)).status_code == 403
    assert not Trainee.objects.exists() and stored_files(media) == []
