"""PostgreSQL restarted under a running app: the web server (gunicorn, as deployed, with its persistent
connections, CONN_MAX_AGE and the health check) answers every request after the restart without being restarted
itself, and `isogov worker` outlives the outage and then runs a job, once.

These tests restart the database server, so they need to be told how: .ci/run sets ISOGOV_TEST_PGDATA (the data
folder) and ISOGOV_TEST_PG_CTL (the pg_ctl command, run as the user owning that folder) and runs this file on its
own, after the parallel suite, so that no other test loses its connection.
"""
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, transaction

from isogov.jobs import services
from isogov.jobs.tests import kinds as test_kinds
from isogov.jobs.tests.worker_process import ROOT, Database, environment, start, stop, wait_for

PGDATA, PG_CTL = os.environ.get("ISOGOV_TEST_PGDATA"), os.environ.get("ISOGOV_TEST_PG_CTL")
pytestmark = [
    pytest.mark.skipif(not (PGDATA and PG_CTL), reason="NOT RUN: restarting PostgreSQL needs ISOGOV_TEST_PGDATA and "
                       "ISOGOV_TEST_PG_CTL (.ci/run sets them for its PostgreSQL server and runs this file alone)"),
]


@pytest.fixture
def postgres():
    """`postgres("restart")`, `postgres("stop")`, `postgres("start")` on the suite's own server, started again
    with the options it had (postmaster.opts) and its log file (pg_ctl would otherwise hold our pipe open)."""
    if connection.vendor != "postgresql":
        pytest.skip("NOT RUN: this test restarts PostgreSQL; the suite runs on SQLite")
    words = shlex.split(Path(PGDATA, "postmaster.opts").read_text())[1:]
    options = [w for i, w in enumerate(words) if w != "-D" and (i == 0 or words[i - 1] != "-D")]

    def pg_ctl(action: str) -> None:
        extra = ["-o", shlex.join(options), "-l", f"{PGDATA}/server.log"] if action in ("start", "restart") else []
        done = subprocess.run([*shlex.split(PG_CTL), action, "-D", PGDATA, "-w", "-m", "fast", *extra],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr

    yield pg_ctl
    if subprocess.run([*shlex.split(PG_CTL), "status", "-D", PGDATA], capture_output=True).returncode:
        pg_ctl("start")
    connection.close()  # the test's own connection died with the server: the teardown opens a new one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.mark.django_db(transaction=True)
def test_the_web_server_answers_every_request_after_a_postgresql_restart(province, client, postgres, tmp_path):
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
    assert gunicorn, "gunicorn is in the test extra (pyproject.toml): pip install -e '.[test]'"
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"].value
    database = Database(tmp_path)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    # One sync worker: every request on the same thread and its one persistent connection, which the restart kills.
    server = subprocess.Popen([gunicorn, "isogov.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "--access-logfile", "-"], env=environment(tmp_path, database, CONN_MAX_AGE="60"),
                              cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/agencies/"
    try:
        wait_for(lambda: get(url, cookie) == 200, timeout=60, what="gunicorn to answer", log=log)
        assert [get(url, cookie) for _ in range(3)] == [200] * 3
        postgres("restart")
        assert [get(url, cookie) for _ in range(5)] == [200] * 5, log.read_text()[-3000:]
        assert server.poll() is None  # the same server, never restarted
    finally:
        stop(server)


@pytest.mark.django_db(transaction=True)
def test_the_worker_outlives_a_postgresql_outage_and_then_runs_a_job_once(postgres, tmp_path):
    database = Database(tmp_path)
    env = environment(tmp_path, database, ISOGOV_JOB_LEASE_SECONDS="2")
    log = tmp_path / "worker.log"
    worker = start(env, log)
    try:
        time.sleep(3)  # polling the queue
        postgres("stop")
        time.sleep(5)  # every poll and sweep meanwhile fails
        postgres("start")
        connection.close()
        assert worker.poll() is None, log.read_text()[-3000:]
        with transaction.atomic():
            job = services.start(kind=test_kinds.NAME, title="Count", requested_by=None,
                                 params={"steps": 3, "pause": 0.1, "file": False})
        wait_for(lambda: database.query("SELECT status FROM jobs_job WHERE id = ?", (str(job.pk),))[0][0] == "done",
                 timeout=90, what="the job to be done after the outage", log=log)
        assert worker.poll() is None
    finally:
        stop(worker, signal.SIGTERM)
    assert database.query("SELECT status, attempts FROM jobs_job WHERE id = ?", (str(job.pk),)) == [("done", 1)]
    assert "database is unreachable" in log.read_text()


@pytest.mark.django_db(transaction=True)
def test_a_job_running_when_postgresql_goes_away_runs_again_after_and_is_done_once(postgres, tmp_path):
    database = Database(tmp_path)
    log = tmp_path / "worker.log"
    with transaction.atomic():
        job = services.start(kind=test_kinds.NAME, title="Count", requested_by=None,
                             params={"steps": 40, "pause": 0.2, "file": False})
    worker = start(environment(tmp_path, database, ISOGOV_JOB_LEASE_SECONDS="2", ISOGOV_JOB_RETRY_SECONDS="1"), log)

    def row():
        return database.query("SELECT status, done, attempts FROM jobs_job WHERE id = ?", (str(job.pk),))[0]

    try:
        wait_for(lambda: row()[0] == "running" and row()[1] >= 3, timeout=60, what="the job under way", log=log)
        postgres("stop")
        time.sleep(4)  # the run's next progress report fails, and so does recording the failure
        postgres("start")
        connection.close()
        wait_for(lambda: row()[0] == "done", timeout=120, what="the job done after the outage", log=log)
        assert worker.poll() is None
    finally:
        stop(worker, signal.SIGTERM)
    status, done, attempts = row()
    assert (status, done) == ("done", 40) and attempts >= 2
    assert database.query("SELECT COUNT(*) FROM audit_auditevent WHERE object_type = 'jobs.job' AND object_id = ?",
                          (str(job.pk),)) == [(1,)]  # its change committed once
