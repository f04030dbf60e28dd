"""`isogov worker`: the queue's worker, as the configured backend provides it, and the jobs' housekeeping.

ISOGOV_TASKS=db runs django-tasks-db's `db_worker` on every queue; ISOGOV_TASKS=rq runs django-rq's `rqworker`
with its scheduler (a retry waits in RQ's scheduled registry until its time). Beside it a thread queues again the
jobs whose worker died and deletes expired results (isogov/jobs/runner.py).
"""
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from isogov.jobs import runner


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
            call_command("db_worker", queue_name="*", batch=batch, reload=reload, verbosity=verbosity,
                         startup_delay=False)
