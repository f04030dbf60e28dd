"""The runner: progress, retries with back-off and the error kept, a refusal failing at once, a job never done
twice, a dead run's job queued again, expiry."""
import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from isogov.jobs import runner, services
from isogov.jobs.models import Job, Status
from isogov.jobs.tests import kinds as test_kinds


def start(province, **params) -> Job:
    return services.start(kind=test_kinds.NAME, title="Count", requested_by=province.alice, params=params)


@pytest.fixture
def retry(settings):
    settings.ISOGOV = {**settings.ISOGOV, "JOB_ATTEMPTS": 3, "JOB_RETRY_SECONDS": 30}


def test_a_job_reports_progress_and_finishes_with_its_file(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start(province, steps=4, file=True)
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.task_id  # queued once the row was committed

    seen = []
    original = runner.Progress.__call__

    def spy(self, done, total=None, message=None):
        original(self, done, total, message)
        live = runner.live_progress(Job.objects.get(pk=job.pk))  # what the page shows
        seen.append((live.done, live.total))

    runner.Progress.__call__ = spy
    try:
        assert runner.run(job.pk) == "done"
    finally:
        runner.Progress.__call__ = original
    # The first report is never held back, nor the last.
    assert seen[0] == (1, 4) and seen[-1] == (4, 4)
    job.refresh_from_db()
    assert (job.status, job.percent, job.attempts, job.result) == (Status.DONE, 100, 1, {"counted": 4})
    assert default_storage.open(job.result_file).read() == b"x\n" * 4
    assert job.result_name == "count.txt"
    assert job.expires_at - job.finished_at == dt.timedelta(days=7)
    assert test_kinds.events(job) == 1


def test_a_running_job_never_shows_a_full_bar():
    # Its last unit counted, a job still commits (an import's audit trail and search index come after its rows).
    assert Job(status=Status.RUNNING, done=4, total=4).percent == 99
    assert Job(status=Status.RUNNING, done=1, total=4).percent == 25
    assert Job(status=Status.DONE, done=3, total=4).percent == 100


def test_a_job_failing_twice_is_retried_with_back_off_and_then_succeeds(province, retry, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(runner, "enqueue", lambda pk, run_after=None: queued.append(run_after))
    job = start(province, steps=4, fail_times=2)

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert runner.run(job.pk) == "retry"
    job.refresh_from_db()
    assert queued == [job.run_after]  # queued for the time it may run again
    assert (job.status, job.attempts, job.error) == (Status.QUEUED, 1, "RuntimeError: broken on try 1")
    first_wait = (job.run_after - before).total_seconds()
    assert 30 <= first_wait < 31 and test_kinds.events(job) == 0

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert runner.run(job.pk) == "retry"
    job.refresh_from_db()
    assert queued[1:] == [job.run_after]
    assert (job.status, job.attempts, job.error) == (Status.QUEUED, 2, "RuntimeError: broken on try 2")
    assert 60 <= (job.run_after - before).total_seconds() < 61  # twice the wait before it

    assert runner.run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.DONE, 3)
    assert test_kinds.events(job) == 1


def test_a_job_failing_every_time_fails_with_its_last_error(province, retry, monkeypatch):
    monkeypatch.setattr(runner, "enqueue", lambda pk, run_after=None: None)
    job = start(province, steps=2, fail_times=9)
    assert [runner.run(job.pk) for _ in range(4)] == ["retry", "retry", "failed", "skipped"]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (Status.FAILED, 3, "RuntimeError: broken on try 3")
    assert test_kinds.events(job) == 0


def test_a_refusal_fails_at_once(province):
    job = start(province, refuse=True)
    assert runner.run(job.pk) == "failed"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (Status.FAILED, 1, "The file has errors.")


def test_a_done_job_is_not_run_again_and_a_held_one_is_left_alone(province):
    job = start(province)
    assert runner.run(job.pk) == "done"
    assert runner.run(job.pk) == "skipped"
    assert test_kinds.events(job) == 1

    held = start(province)
    Job.objects.filter(pk=held.pk).update(status=Status.RUNNING, lease_token="other", attempts=1,
                                          lease_until=timezone.now() + dt.timedelta(seconds=60))
    assert runner.run(held.pk) == "skipped"
    assert runner.requeue_stale() == 0


def test_a_run_whose_lease_was_taken_over_commits_nothing(province, monkeypatch):
    job = start(province, steps=2)
    real = runner._holding

    def taken_over(j, token):
        Job.objects.filter(pk=j.pk).update(lease_token="another-run")
        return real(j, token)

    monkeypatch.setattr(runner, "_holding", taken_over)
    assert runner.run(job.pk) == "superseded"
    assert test_kinds.events(job) == 0


def test_a_dead_run_is_queued_again_and_completes_once(province, monkeypatch):
    queued = []
    monkeypatch.setattr(runner, "enqueue", lambda pk, run_after=None: queued.append(pk))
    job = start(province)
    # A worker claimed it and died: RUNNING, lease passed.
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, lease_token="dead", attempts=1,
                                         lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert runner.requeue_stale() == 1 and queued == [job.pk]
    assert runner.run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.attempts, test_kinds.events(job)) == (2, 1)


def test_expired_jobs_and_their_files_are_deleted(province):
    old, fresh = start(province, file=True), start(province, file=True)
    runner.run(old.pk)
    runner.run(fresh.pk)
    old.refresh_from_db()
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert runner.purge_expired() == 1
    assert not default_storage.exists(old.result_file)
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]
