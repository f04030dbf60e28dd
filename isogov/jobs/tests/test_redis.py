"""ISOGOV_TASKS=rq: the same jobs through Redis (django-tasks-rq) and django-rq's worker, a retry waiting in RQ's
scheduler. Runs against a real redis-server started for the test; without one it skips, loudly, except under CI
(CI set), where a missing server is a failure (.ci/run installs it)."""
import os
import shutil
import socket
import subprocess
import time
import warnings

import pytest
from django.db import transaction

from isogov.jobs.models import Job
from isogov.jobs.tests import kinds as test_kinds
from isogov.jobs.tests.worker_process import Database, environment, start, stop, wait_for

ENQUEUE = ("import django; django.setup(); import isogov.jobs.tests.kinds; from isogov.jobs import runner; "
           "import sys; [runner.enqueue(pk) for pk in sys.argv[1:]]")


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server") or ("/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server")
                                              else None)
    if server is None:
        message = "REDIS QUEUE TESTS NOT RUN: no redis-server found (apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.django_db(transaction=True)
def test_jobs_run_through_redis_and_a_failing_one_is_retried_later(tmp_path, redis_url):
    pytest.importorskip("django_tasks_rq")
    with transaction.atomic():
        plain = Job.objects.create(kind=test_kinds.NAME, title="plain", params={"steps": 3})
        flaky = Job.objects.create(kind=test_kinds.NAME, title="flaky", params={"steps": 4, "fail_times": 1})
    database = Database(tmp_path)
    env = environment(tmp_path, database, ISOGOV_TASKS="rq", ISOGOV_REDIS_URL=redis_url,
                      ISOGOV_JOB_RETRY_SECONDS="2")
    log = tmp_path / "worker.log"
    queued = start(env, log, ENQUEUE, str(plain.pk), str(flaky.pk))  # as the web process would
    assert queued.wait(timeout=120) == 0, log.read_text()

    def state(job):
        key = job.pk.hex if database.path else str(job.pk)
        return database.query("SELECT status, attempts, error FROM jobs_job WHERE id = ?", (key,))[0]

    worker = start(env, log)
    try:
        wait_for(lambda: state(plain)[0] == "done" and state(flaky)[0] == "done", timeout=120,
                 what="both jobs done through Redis", log=log)
    finally:
        stop(worker)
    assert state(plain)[:2] == ("done", 1)
    assert state(flaky) == ("done", 2, "RuntimeError: broken on try 1")  # retried by RQ's scheduler
