"""Running a job exactly once on an at-least-once queue.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a worker killed in the
middle leaves the task RUNNING for ever and nothing runs it again (RQ, for its part, may run a task twice). So the
job row carries its own claim: a run takes a lease (a token and an expiry it renews with each progress report), and
writes the job's change and its DONE status in one transaction that first checks the token is still its own. A
run whose worker died loses its lease; `requeue_stale` (the worker does it every few seconds) queues the job again,
and the next run starts from the beginning: nothing of the dead run was committed.
"""
import datetime as dt
import logging
import os
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation

from isogov.jobs import kinds
from isogov.jobs.models import Job, Status

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5  # the page polls each second; more writes than that are wasted


class LeaseLost(Exception):
    """Another run holds the job now (this one was presumed dead): this run's work is thrown away."""


def progress_cache():
    return caches["jobs"]


def _lease(now=None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(seconds=settings.ISOGOV["JOB_LEASE_SECONDS"])


class Progress:
    """What a kind calls as it goes: `progress(done, total, message)`. Outside a transaction the job's row is
    updated (and its lease renewed); inside one (an import's all-or-nothing write) the row cannot be seen by the
    page until the end, so the figures also go to the `jobs` cache, which the page reads first."""

    def __init__(self, job: Job, token: str):
        self.job, self.token, self._last = job, token, 0.0

    def __call__(self, done: int, total: int | None = None, message: str | None = None) -> None:
        job = self.job
        job.done = done
        job.total = job.total if total is None else total
        job.message = job.message if message is None else str(message)[:300]
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY_SECONDS and done < job.total:
            return
        self._last = now
        progress_cache().set(f"job-progress:{job.pk}", {"done": job.done, "total": job.total,
                                                        "message": job.message}, timeout=24 * 3600)
        if not connection.in_atomic_block:
            found = Job.objects.filter(pk=job.pk, lease_token=self.token).update(
                done=job.done, total=job.total, message=job.message, lease_until=_lease())
            if not found:
                raise LeaseLost(job.pk)


def live_progress(job: Job) -> Job:
    """The job with the latest figures its run reported (the cache is ahead of the row inside a transaction)."""
    if job.status == Status.RUNNING:
        seen = progress_cache().get(f"job-progress:{job.pk}")
        if seen and seen["done"] >= job.done:
            job.done, job.total, job.message = seen["done"], seen["total"], seen["message"]
    return job


def claim(job_id) -> tuple[Job, str] | None:
    """The job with a new lease, or None when it is finished or another run holds a live lease."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        now = timezone.now()
        if job is None or job.finished:
            return None
        if job.status == Status.RUNNING and job.lease_until and job.lease_until > now:
            return None
        if job.attempts >= settings.ISOGOV["JOB_ATTEMPTS"]:
            # Its last try died with its worker: no error was raised to keep, so say what happened.
            _finish_failed(job, job.error or "The worker running this job stopped before it finished.", now)
            return None
        job.lease_token = secrets.token_hex(16)
        job.status, job.attempts, job.lease_until, job.run_after = Status.RUNNING, job.attempts + 1, _lease(now), None
        job.save(update_fields=["lease_token", "status", "attempts", "lease_until", "run_after"])
        return job, job.lease_token


def run(job_id) -> str:
    """Run the job if no other run holds it; what happened, for the queue's own record."""
    claimed = claim(job_id)
    if claimed is None:
        return "skipped"
    job, token = claimed
    stored = ""
    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            outcome = kinds.get(job.kind).run(job, Progress(job, token))
            if outcome.file_path:
                stored = _store(job, outcome)
            _finish_done(job, token, outcome, stored)
        return "done"
    except LeaseLost:
        log.warning("job %s: another run took it over; this run's work is dropped", job.pk)
        _discard(stored)
        return "superseded"
    except Exception as exc:  # noqa: BLE001 - any failure is kept on the job and retried; the queue sees success
        log.exception("job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
        _discard(stored)
        return _failed(job, token, exc)


def _store(job: Job, outcome: kinds.Outcome) -> str:
    try:
        with open(outcome.file_path, "rb") as fh:
            return default_storage.save(f"jobs/{job.pk}/{outcome.file_name}", File(fh))
    finally:
        os.unlink(outcome.file_path)


def _discard(name: str) -> None:
    if name:
        default_storage.delete(name)


def _holding(job: Job, token: str) -> Job:
    """The job's row, locked, if this run still holds it."""
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.lease_token != token or locked.status != Status.RUNNING:
        raise LeaseLost(job.pk)
    return locked


def _finish_done(job: Job, token: str, outcome: kinds.Outcome, stored: str) -> None:
    with transaction.atomic():
        locked = _holding(job, token)
        summary = dict(outcome.summary)
        if outcome.commit is not None:
            summary.update(outcome.commit() or {})
        now = timezone.now()
        locked.status, locked.finished_at, locked.lease_token, locked.lease_until = Status.DONE, now, "", None
        locked.done = locked.total = max(job.total, job.done, 1)
        # A commit may say how it went ("message"), when only it knows (the counts of an import).
        locked.message, locked.result = str(summary.pop("message", outcome.message))[:300], summary
        locked.result_file, locked.result_name = stored, outcome.file_name if stored else ""
        locked.expires_at = now + dt.timedelta(days=settings.ISOGOV["JOB_RESULT_DAYS"])
        locked.save()


def _failed(job: Job, token: str, exc: Exception) -> str:
    error = str(exc) if isinstance(exc, kinds.JobRefused) else f"{type(exc).__name__}: {exc}"
    with transaction.atomic():
        try:
            locked = _holding(job, token)
        except LeaseLost:
            return "superseded"
        now = timezone.now()
        if isinstance(exc, kinds.JobRefused) or locked.attempts >= settings.ISOGOV["JOB_ATTEMPTS"]:
            _finish_failed(locked, error, now)
            return "failed"
        # Back-off: the first retry after JOB_RETRY_SECONDS, each further one after twice the wait before it.
        wait = settings.ISOGOV["JOB_RETRY_SECONDS"] * 2 ** (locked.attempts - 1)
        locked.status, locked.error, locked.lease_token, locked.lease_until = Status.QUEUED, error, "", None
        locked.run_after = now + dt.timedelta(seconds=wait)
        locked.save(update_fields=["status", "error", "lease_token", "lease_until", "run_after"])
        run_after = locked.run_after
        transaction.on_commit(lambda: enqueue(job.pk, run_after=run_after))
    return "retry"


def _finish_failed(job: Job, error: str, now) -> None:
    job.status, job.error, job.finished_at, job.lease_token, job.lease_until = Status.FAILED, error, now, "", None
    job.expires_at = now + dt.timedelta(days=settings.ISOGOV["JOB_RESULT_DAYS"])
    job.save(update_fields=["status", "error", "finished_at", "lease_token", "lease_until", "expires_at"])


def enqueue(job_id, *, run_after=None) -> None:
    from isogov.jobs.tasks import run_job  # the task module imports this one

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(str(job_id))
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def _task_is_waiting(job: Job) -> bool:
    from django_tasks import default_task_backend
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    if not job.task_id:
        return False
    try:
        status = default_task_backend.get_result(job.task_id).status
    except (TaskResultDoesNotExist, NotImplementedError, ValueError):
        return False
    return status == TaskResultStatus.READY


def requeue_stale() -> int:
    """Queue again each job whose run died (its lease passed) and each waiting job whose task was lost (the web
    process stopped before queueing it, Redis was emptied); a task queued twice runs once (`claim`)."""
    now = timezone.now()
    count = 0
    dead = Job.objects.filter(status=Status.RUNNING, lease_until__lt=now)
    waiting = Job.objects.filter(status=Status.QUEUED, created_at__lt=now - dt.timedelta(seconds=5))
    for job in list(dead) + [j for j in waiting if not (j.run_after and j.run_after > now)]:
        if job.status == Status.QUEUED and _task_is_waiting(job):
            continue
        if job.status == Status.RUNNING:
            # Back to waiting, its lease taken away (a run that was only slow stops at its next report), so the
            # next sweep sees its new task waiting and does not queue it a second time.
            if not Job.objects.filter(pk=job.pk, status=Status.RUNNING, lease_until__lt=now).update(
                    status=Status.QUEUED, lease_token="", lease_until=None):
                continue
            _close_dead_task(job)
        enqueue(job.pk)
        count += 1
    return count


def _close_dead_task(job: Job) -> None:
    """django-tasks-db would list the dead run's task as RUNNING for ever; it is marked failed, as it did."""
    if job.task_id and "django_tasks_db" in settings.INSTALLED_APPS and settings.ISOGOV["TASKS"] == "db":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now())


def purge_expired() -> int:
    """Results past their time are deleted with their job, so a link to them is a 404."""
    gone = 0
    for job in Job.objects.filter(expires_at__lt=timezone.now()):
        delete_files(job)
        job.delete()
        gone += 1
    return gone


def delete_files(job: Job) -> None:
    folder = f"jobs/{job.pk}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        names = []
    for name in names:  # an earlier, interrupted run may have left a copy beside the result
        default_storage.delete(f"{folder}/{name}")


def sweep_forever(interval: float) -> None:
    """The worker's housekeeping thread."""
    while True:
        close_old_connections()
        try:
            requeue_stale()
            purge_expired()
        except Exception:  # noqa: BLE001 - a failed sweep (a locked database) is tried again next time
            log.exception("job sweep failed")
        close_old_connections()
        time.sleep(interval)
