"""Starting a job: its row, then its task on the queue once the row is committed."""
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation

from isogov.core.text import clean_text
from isogov.jobs import kinds, runner
from isogov.jobs.models import Job, Readers


def start(*, kind: str, title: str, requested_by, params: dict | None = None, agency=None,
          readers: str = Readers.REQUESTER, total: int = 0) -> Job:
    """A new job of a registered kind, queued for the worker once the caller's transaction commits."""
    kinds.get(kind)  # a typo in a kind fails here, not later in the worker
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **(params or {})}
    job = Job.objects.create(kind=kind, title=clean_text(str(title))[:300], requested_by=requested_by, agency=agency,
                             readers=readers, params=params, total=total)
    transaction.on_commit(partial(runner.enqueue, job.pk))
    return job
