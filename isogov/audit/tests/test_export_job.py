"""The page's export runs as a background job: the file holds exactly the events the requester may read, its page
shows the progress, and nobody else may see the job or download the file."""
import csv
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.jobs import runner
from isogov.jobs.models import Job, Status
from isogov.registry.services import agency_update

pytestmark = pytest.mark.django_db


def _export(client, query="") -> Job:
    response = client.post(reverse("audit:event_export") + query)
    job = Job.objects.latest("created_at")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    return job


def _file_rows(job: Job) -> list[list[str]]:
    text = default_storage.open(job.result_file).read().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_job_holds_exactly_the_events_the_requester_may_read(province, as_user):
    agency_update(actor=province.alice, agency=province.d842, iso_secretary="Lê Văn Bảy")
    agency_update(actor=province.admin, agency=province.stp, phone="0294 111")
    agency_update(actor=province.bob, agency=province.d844, phone="0294 222")
    client = as_user(province.alice)
    job = _export(client, "?action=update")
    assert job.status == Status.QUEUED and job.requested_by == province.alice
    assert runner.run(job.pk) == "done"
    job.refresh_from_db()
    rows = _file_rows(job)
    # alice reads 842 and its communes: her own change only, not Sở Tư pháp's nor 844's.
    assert [(r[1], r[6]) for r in rows[1:]] == [("alice", "842")]
    assert job.result == {"events": 1} and job.percent == 100
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert reverse("jobs:job_download", args=[job.pk]) in page and "100%" in page
    download = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).decode("utf-8")[1:].count("\n") == 2


def test_the_whole_trail_for_the_lead_counts_every_event(province, as_user):
    for n in range(3):
        agency_update(actor=province.admin, agency=province.stp, phone=f"0294 11{n}")
    job = _export(as_user(province.admin))
    runner.run(job.pk)
    job.refresh_from_db()
    assert len(_file_rows(job)) - 1 == AuditEvent.objects.count() == job.result["events"]


def test_nobody_else_sees_the_job_or_its_file(province, as_user, client):
    job = _export(as_user(province.alice))
    runner.run(job.pk)
    for other in (province.bob, province.admin, province.alice_head):
        client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
        for name in ("jobs:job_detail", "jobs:job_status", "jobs:job_download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (other, name)
        assert job.title not in client.get(reverse("jobs:job_list")).content.decode()


def test_a_foreign_agency_cannot_be_exported(province, as_user):
    assert as_user(province.alice).post(reverse("audit:event_export") + "?agency=844").status_code == 404
    assert not Job.objects.exists()


def test_the_status_part_polls_while_running_and_stops_when_done(province, as_user):
    client = as_user(province.alice)
    job = _export(client)
    part = client.get(reverse("jobs:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in part and 'value="0"' in part
    runner.run(job.pk)
    part = client.get(reverse("jobs:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in part and 'value="100"' in part


def test_a_failed_job_shows_its_error(province, as_user, monkeypatch):
    client = as_user(province.alice)
    job = _export(client)
    Job.objects.filter(pk=job.pk).update(status=Status.FAILED, error="OSError: disk full")
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "The job failed:" in page and "OSError: disk full" in page
    assert reverse("jobs:job_download", args=[job.pk]) not in page
