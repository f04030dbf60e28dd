"""The daily reminder run as a job on the task queue (isogov/jobs): retried with back-off when it fails, run again
when its worker dies. Running it twice is harmless: the run adds and mails nothing it already did
(services.run_reminders), so a retry after a crash sends no e-mail twice."""
import datetime as dt

from django.utils import timezone

from isogov.core import dbstats
from isogov.jobs import kinds
from isogov.jobs import services as jobs
from isogov.notifications import services

KIND = "notifications.remind"


def run(job, progress) -> kinds.Outcome:
    day = dt.date.fromisoformat(job.params["date"]) if job.params.get("date") else timezone.localdate()
    done = services.run_reminders(today=day, progress=progress)
    dbstats.refresh()  # the daily run is the app's one daily chore: SQLite has no automatic ANALYZE
    return kinds.Outcome(summary={"notifications": done.notifications, "closed": done.closed, "emails": done.emails},
                         message=f"{day:%d/%m/%Y}")


def enqueue(*, today: dt.date | None = None):
    """Queue the run of `today` (default: the day it is queued, so a late worker still runs that day's)."""
    day = today or timezone.localdate()
    return jobs.start(kind=KIND, title=f"Reminders {day:%d/%m/%Y}", requested_by=None,
                      params={"date": day.isoformat()}, total=1)


def register() -> None:
    kinds.register(kinds.Kind(KIND, run))
