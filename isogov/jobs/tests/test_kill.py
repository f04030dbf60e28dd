"""A worker process killed (SIGKILL) in the middle of a job: nothing of the dead run is committed, a restarted
worker runs the job again, and it is done exactly once (one audit event, one result)."""
import signal

import pytest
from django.db import transaction

from isogov.jobs import services
from isogov.jobs.tests import kinds as test_kinds
from isogov.jobs.tests.worker_process import Database, environment, start, stop, wait_for

STEPS = 20


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_loses_nothing_and_the_job_is_done_once(tmp_path):
    with transaction.atomic():  # queued on commit, as from a page
        job = services.start(kind=test_kinds.NAME, title="Count", requested_by=None,
                             params={"steps": STEPS, "pause": 0.2, "file": True})
    database = Database(tmp_path)
    env = environment(tmp_path, database, ISOGOV_JOB_LEASE_SECONDS="2")
    log = tmp_path / "worker.log"

    def row():
        return database.query("SELECT status, done, attempts, result_file FROM jobs_job WHERE id = ?",
                              (job.pk.hex,) if database.path else (str(job.pk),))[0]

    def events() -> int:
        return database.query("SELECT COUNT(*) FROM audit_auditevent WHERE object_type = 'jobs.job' AND object_id = ?",
                              (str(job.pk),))[0][0]

    first = start(env, log)
    try:
        wait_for(lambda: row()[0] == "running" and row()[1] >= 3, timeout=60, what="the job to be under way", log=log)
    finally:
        stop(first, signal.SIGKILL)
    status, done, attempts, result_file = row()
    assert (status, attempts, result_file, events()) == ("running", 1, "", 0)
    assert 3 <= done < STEPS  # killed in the middle

    second = start(env, log)
    try:
        wait_for(lambda: row()[0] == "done", timeout=90, what="the job to be done after the restart", log=log)
    finally:
        stop(second)
    status, done, attempts, result_file = row()
    assert (status, done, attempts, events()) == ("done", STEPS, 2, 1)
    assert result_file == f"jobs/{job.pk}/count.txt"
    assert (tmp_path / "media" / result_file).read_text() == "x\n" * STEPS
    # The dead run's task is closed as failed; one task ran the job to the end (a task queued twice would say
    # "skipped").
    tasks = database.query("SELECT status, return_value FROM django_tasks_database_dbtaskresult")
    assert sorted(status for status, _ in tasks).count("FAILED") == 1
    assert [value for _, value in tasks if value in ('"done"', "done")] in (['"done"'], ["done"])
