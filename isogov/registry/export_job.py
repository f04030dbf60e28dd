"""The agency list's export of a large registry as a background job: the same file as the direct download, of the
agencies the requester may read when the job runs, filtered as the list was."""
import os
import tempfile

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.jobs import kinds
from isogov.registry import exporting, selectors

KIND = "registry.export"


def file_name(fmt: str) -> str:
    return f"agencies-{timezone.localdate():%Y%m%d}{fmt}"


def run(job, progress) -> kinds.Outcome:
    user = job.requested_by
    if user is None or not user.is_active:
        raise kinds.JobRefused(_("The account that asked for this export is no longer active."))
    fmt = job.params["format"]
    qs = selectors.agency_list(user=user, data=QueryDict(job.params.get("query", "")),
                               tiers=list(selectors.tiers())).qs
    total = qs.count()
    progress(0, total, _("Writing the agencies"))
    with tempfile.NamedTemporaryFile("wb", suffix=fmt, delete=False) as fh:
        try:
            done = exporting.write_agencies(agencies=qs, fmt=fmt, out=fh, progress=lambda n: progress(n, total))
        except BaseException:
            os.unlink(fh.name)  # the runner only keeps a finished file; a failed one would stay in /tmp
            raise
    progress(done, max(total, done))
    return kinds.Outcome(file_path=fh.name, file_name=file_name(fmt), summary={"agencies": done})


def register() -> None:
    kinds.register(kinds.Kind(KIND, run, next_url=lambda job: reverse("registry:agency_list")))
