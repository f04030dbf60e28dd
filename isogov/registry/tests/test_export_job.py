"""A list of more than EXPORT_INLINE_ROWS agencies exports through a background job: the same file, of the
agencies the requester may read, filtered as the list was; a smaller list downloads at once."""
import csv
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from isogov.jobs import runner
from isogov.jobs.models import Job, Status

pytestmark = pytest.mark.django_db
URL = reverse("registry:agency_export")


@pytest.fixture
def limit(settings):
    settings.ISOGOV = {**settings.ISOGOV, "EXPORT_INLINE_ROWS": 2}


def test_a_large_list_offers_the_background_export_and_a_small_one_the_download(province, as_user, settings):
    client = as_user(province.admin)
    assert f'href="{URL}?format=xlsx"' in client.get(reverse("registry:agency_list")).content.decode()
    settings.ISOGOV = {**settings.ISOGOV, "EXPORT_INLINE_ROWS": 2}
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert f'action="{URL}"' in html and 'name="format" value="xlsx"' in html


def test_the_export_job_holds_the_requesters_agencies_as_filtered(province, as_user, limit):
    client = as_user(province.alice)
    response = client.post(URL + "?q=ph", {"format": "csv"})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert runner.run(job.pk) == "done"
    job.refresh_from_db()
    text = default_storage.open(job.result_file).read().decode("utf-8-sig")
    codes = [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
    # alice reads 842 and its communes; "ph" finds Thành phố Trà Vinh and its two wards (Phường 4, Phường 1), not
    # Sở Tư pháp, which she may not read.
    assert sorted(codes) == ["29242", "29245", "842"]
    assert job.status == Status.DONE and job.result == {"agencies": 3} and job.result_name.endswith(".csv")


def test_an_unknown_format_starts_nothing(province, as_user, limit):
    assert as_user(province.admin).post(URL, {"format": "pdf"}).status_code == 400
    assert not Job.objects.exists()
