"""The download buttons of the registers and the annual reports start a background job: its file is the one a GET
of the same address returns, it is built for the requester's scope when the job runs, and a foreign agency's
address starts nothing."""
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from isogov.accounts.models import User
from isogov.jobs import runner
from isogov.jobs.models import Job, Status

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _cells(content: bytes) -> list[tuple]:
    sheets = load_workbook(io.BytesIO(content), read_only=True).worksheets
    return [row for sheet in sheets for row in sheet.iter_rows(values_only=True)]


def _addresses(p) -> list[tuple[User, str, str]]:
    """(who clicks, the address, a name only that user's file holds) for every button built on files.download."""
    return [
        (p.alice, reverse("documents:register_xlsx", args=["842"]), "Thành phố Trà Vinh"),
        (p.alice, reverse("risks:register_xlsx", args=["842"]), "Thành phố Trà Vinh"),
        (p.alice, reverse("capa:log_xlsx", args=["842"]), "Thành phố Trà Vinh"),
        (p.alice, reverse("compliance:table_xlsx"), "Phường 4"),
        (p.admin, reverse("training:coverage_xlsx"), "Huyện Càng Long"),
        (p.admin, reverse("reports:province_file", args=[YEAR, "xlsx"]), str(YEAR)),
        (p.alice, reverse("reports:agency_file", args=[YEAR, "842", "xlsx"]), "Thành phố Trà Vinh"),
    ]


def test_each_button_runs_a_job_whose_file_is_the_one_a_get_returns(province, as_user):
    for user, url, holds in _addresses(province):
        client = as_user(user)
        response = client.post(url)
        job = Job.objects.latest("created_at")
        assert response.status_code == 302, url
        assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
        assert (job.kind, job.requested_by, job.status) == ("file", user, Status.QUEUED)
        assert runner.run(job.pk) == "done", (url, Job.objects.get(pk=job.pk).error)
        job.refresh_from_db()
        made = default_storage.open(job.result_file).read()
        direct = client.get(url)
        assert direct.status_code == 200 and direct["Content-Type"].endswith("spreadsheetml.sheet")
        assert _cells(made) == _cells(direct.content), url
        assert any(holds in str(cell) for row in _cells(made) for cell in row), (url, holds)
        download = client.get(reverse("jobs:job_download", args=[job.pk]))
        assert download.status_code == 200 and job.result_name.endswith(".xlsx")


def test_a_foreign_agencys_register_starts_no_job(province, as_user):
    client = as_user(province.bob)
    for url in (reverse("documents:register_xlsx", args=["842"]), reverse("risks:register_xlsx", args=["842"]),
                reverse("capa:log_xlsx", args=["842"]), reverse("reports:agency_file", args=[YEAR, "842", "docx"]),
                reverse("reports:province_file", args=[YEAR, "docx"])):
        assert client.post(url).status_code in (403, 404), url
    assert not Job.objects.exists()


def test_a_bad_year_or_format_starts_no_job(province, as_user):
    client = as_user(province.admin)
    assert client.post(reverse("reports:province_file", args=[1900, "xlsx"])).status_code == 404
    assert client.post(reverse("reports:province_file", args=[YEAR, "exe"])).status_code == 404
    assert not Job.objects.exists()


def test_who_moved_to_another_agency_before_the_run_gets_a_refusal_not_the_file(province, as_user):
    as_user(province.alice).post(reverse("documents:register_xlsx", args=["842"]))
    job = Job.objects.get()
    User.objects.filter(pk=province.alice.pk).update(agency=province.d844)
    assert runner.run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == Status.FAILED and not job.result_file
    assert "no longer read" in job.error
