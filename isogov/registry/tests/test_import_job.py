"""An import larger than IMPORT_INLINE_ROWS runs as a background job: confirm starts it, the worker applies it all
or nothing with progress, its page is the registry managers' only, and a file the registry no longer fits fails
at once with its errors, importing nothing."""
import pytest
from django.urls import reverse

from isogov.audit.models import Action, AuditEvent
from isogov.jobs import runner
from isogov.jobs.models import Job, Status
from isogov.registry.models import Agency
from isogov.registry.services import agency_create
from isogov.registry.tests.import_helpers import agency, registry_state, xlsx_bytes
from isogov.registry.tests.test_import_pages import ROWS, media, stored_files, upload  # noqa: F401
from isogov.registry.views_io import SESSION_KEY

pytestmark = pytest.mark.django_db
URL = reverse("registry:agency_import")
COMMUNES = [[f"4{n:04d}", f"Xã số {n}", "Cấp xã", "850", "UBND xã", "", "", "", ""] for n in range(1, 21)]


@pytest.fixture(autouse=True)
def small_inline_limit(settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_INLINE_ROWS": 10}


def _confirm(client) -> Job:
    token = client.session[SESSION_KEY]["token"]
    response = client.post(URL, {"confirm": "1", "token": token})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert SESSION_KEY not in client.session  # the job owns the upload now
    return job


def test_a_large_import_runs_in_the_background_with_progress(province, as_user, media,  # noqa: F811
                                                              django_capture_on_commit_callbacks):
    client = as_user(province.admin)
    upload(client, xlsx_bytes(ROWS + COMMUNES))
    before = registry_state()
    job = _confirm(client)
    assert (job.status, job.total, job.readers) == (Status.QUEUED, 24, "registry_managers")
    assert registry_state() == before  # nothing yet: the worker does it

    seen = []
    original = runner.Progress.__call__

    def spy(self, done, total=None, message=None):
        original(self, done, total, message)
        seen.append((self.job.done, self.job.total))

    runner.Progress.__call__ = spy
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert runner.run(job.pk) == "done"
    finally:
        runner.Progress.__call__ = original
    # 24 rows read and checked, then 23 written: 22 new (the district first, then its 21 communes), STP updated.
    assert seen == [(0, 24), (24, 47), (25, 47), (46, 47), (47, 47)]
    job.refresh_from_db()
    assert job.status == Status.DONE and job.result == {"new": 22, "updated": 1, "unchanged": 1}
    assert job.message == "Import done: 22 new agencies, 1 updated, 1 unchanged."
    assert agency("40020").path == "/850/40020/"
    assert AuditEvent.objects.filter(actor=province.admin, action=Action.CREATE).count() == 22
    assert stored_files(media) == []  # the upload is deleted once imported
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "100%" in page and reverse("registry:agency_list") in page


def test_a_small_import_stays_in_the_request(province, as_user, media):  # noqa: F811
    client = as_user(province.admin)
    upload(client, xlsx_bytes(ROWS))
    token = client.session[SESSION_KEY]["token"]
    response = client.post(URL, {"confirm": "1", "token": token})
    assert response["Location"] == reverse("registry:agency_list") and not Job.objects.exists()


def test_a_file_the_registry_no_longer_fits_fails_at_once_and_imports_nothing(province, as_user, media):  # noqa: F811
    client = as_user(province.admin)
    temp = agency_create(actor=None, code="TEMP", name="Tạm", tier=province.tiers["district"])
    upload(client, xlsx_bytes([[*row[:3], "TEMP", *row[4:]] for row in COMMUNES]))
    job = _confirm(client)
    Agency.objects.filter(pk=temp.pk).delete()  # the parent the file names is gone when the worker runs it
    before = registry_state()
    assert runner.run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.attempts == 1 and job.error.startswith("Nothing was imported")
    assert "No agency has the code TEMP" in job.error
    assert registry_state() == before and not Agency.objects.filter(code="40001").exists()


def test_only_registry_managers_see_the_import_job(province, as_user, media, client):  # noqa: F811
    upload(as_user(province.admin), xlsx_bytes(ROWS + COMMUNES))
    job = _confirm(as_user(province.admin))
    for other in (province.alice, province.alice_head, province.inspector, province.viewer):
        client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404, other
