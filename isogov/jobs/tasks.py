"""The queue's tasks (django-tasks): one to run any job by its id, one for the worker's housekeeping."""
from django_tasks import task

from isogov.jobs import runner


@task()
def run_job(job_id: str) -> str:
    return runner.run(job_id)


@task()
def sweep_jobs() -> dict:
    """Jobs whose worker died run again; expired results are deleted (also run by `isogov worker` itself)."""
    return {"requeued": runner.requeue_stale(), "purged": runner.purge_expired()}
