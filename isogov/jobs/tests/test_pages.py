"""The "my jobs" list: one's own jobs only, in a number of queries that does not grow with them."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.jobs.models import Job, Status

pytestmark = pytest.mark.django_db


def _jobs(user, n):
    for i in range(n):
        Job.objects.create(kind="test.count", title=f"Job {user.username} {i}", requested_by=user,
                           status=Status.DONE if i % 2 else Status.RUNNING, total=10, done=5)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("jobs:job_list")).status_code == 200
    return len(queries)


def test_my_jobs_lists_my_own_and_costs_the_same_for_more(province, as_user):
    client = as_user(province.alice)
    _jobs(province.alice, 1)
    _jobs(province.bob, 2)
    few = _queries(client)
    _jobs(province.alice, 6)
    assert _queries(client) == few
    html = client.get(reverse("jobs:job_list")).content.decode()
    assert html.count("Job alice") == 7 and "Job bob" not in html
    assert "50%" in html  # a running job's progress
