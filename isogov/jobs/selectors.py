"""Reads of jobs, always those of the given user."""
from isogov.jobs.models import Job


def my_jobs(*, user):
    return Job.objects.filter(requested_by=user).only(
        "id", "title", "status", "done", "total", "created_at", "finished_at", "result_file", "expires_at")
