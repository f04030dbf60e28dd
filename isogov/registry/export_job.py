"""The agency list's export of a large registry as a background job: the same file as the direct download, of the
agencies the requester may read when the job runs, filtered as the list was."""
import tempfile

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.jobs import kinds
from isogov.registry import exporting, selectors

KIND = "registry.export"
EVERY = 500


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

    def counted():
        done = 0
        for agency in qs.iterator(chunk_size=EVERY):
            yield agency
            done += 1
            if done % EVERY == 0:
                progress(done, total)

    data = exporting.export_agencies(agencies=counted(), fmt=fmt)
    with tempfile.NamedTemporaryFile("wb", suffix=fmt, delete=False) as fh:
        fh.write(data)
    return kinds.Outcome(file_path=fh.name, file_name=file_name(fmt), summary={"agencies": total})


def register() -> None:
    kinds.register(kinds.Kind(KIND, run, next_url=lambda job: reverse("registry:agency_list")))
