"""`isogov worker`: the queue's worker, as the configured backend provides it, and the jobs' housekeeping.

ISOGOV_TASKS=db runs django-tasks-db's `db_worker` on every queue; ISOGOV_TASKS=rq runs django-rq's `rqworker`
with its scheduler (a retry waits in RQ's scheduled registry until its time). Beside it a thread queues again the
jobs whose worker died and deletes expired results (isogov/jobs/runner.py).
"""
import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

from isogov.jobs import runner

log = logging.getLogger(__name__)
# While the database is away (a restart, a fail-over), the worker waits and tries again, at most this long apart.
OUTAGE_WAIT_MAX_SECONDS = 30


class Command(BaseCommand):
    help = "Run the background worker (the task queue of ISOGOV_TASKS)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="Run what is waiting, then stop (database queue only).")
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (database queue only).")
        parser.add_argument("--no-sweep", action="store_true", help="Do not look for jobs whose worker died.")

    def handle(self, *, batch, reload, no_sweep, verbosity, **options):
        if not no_sweep:
            # Half a lease: a job whose worker died runs again within 1.5 leases.
            interval = max(1.0, settings.ISOGOV["JOB_LEASE_SECONDS"] / 2)
            threading.Thread(target=runner.sweep_forever, args=(interval,), daemon=True, name="job-sweep").start()
        if settings.ISOGOV["TASKS"] == "rq":
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True, burst=batch,
                         verbosity=verbosity)
        else:
            self._db_worker(batch=batch, reload=reload, verbosity=verbosity)

    def _db_worker(self, **options) -> None:
        """django-tasks-db's worker stops at the first database error that is not a lock: a PostgreSQL restart
        would end it. It is started again once the database answers; a job it was running when the database went
        away loses its lease and runs again from the start (isogov/jobs/runner.py)."""
        wait = 1.0
        while True:
            started = time.monotonic()
            try:
                call_command("db_worker", queue_name="*", startup_delay=False, **options)
                return
            except (OperationalError, InterfaceError) as exc:
                if time.monotonic() - started > 60:
                    wait = 1.0  # a new outage after a long run: start again from a short wait
                log.warning("worker: the database is unreachable (%s); trying again in %.0f s", exc, wait)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, OUTAGE_WAIT_MAX_SECONDS)
