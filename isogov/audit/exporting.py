"""The audit trail's CSV export, written by a background job (isogov/jobs) as it goes, or streamed by the old GET.

The rows are the requester's own at the time the job runs: the selector applies their scope then, so the file
holds exactly the events they may read.
"""
import csv
import os
import tempfile
from collections.abc import Iterator

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit import presentation, selectors
from isogov.core.sheets import csv_row
from isogov.jobs import kinds

KIND = "audit.export"


def file_name(agency) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"audit-{agency.code}-{stamp}.csv" if agency else f"audit-{stamp}.csv"


def write_rows(writer, qs) -> Iterator[int]:
    """The header and every event of `qs` through `writer` (csv.writer), yielding how many are written after each
    one, so that the caller can send, save or count as it goes."""
    writer.writerow(presentation.csv_header())
    count = 0
    for row in presentation.csv_rows(qs):
        writer.writerow(csv_row(row))  # the one safe cell writer
        count += 1
        yield count


def run(job, progress) -> kinds.Outcome:
    user = job.requested_by
    if user is None or not user.is_active:
        raise kinds.JobRefused(_("The account that asked for this export is no longer active."))
    try:
        found = selectors.event_list(user=user, data=QueryDict(job.params.get("query", "")))
    except Http404:
        raise kinds.JobRefused(_("You may no longer read this agency's history.")) from None
    qs = found.qs
    total = qs.count()
    progress(0, total, _("Writing the events"))
    # The byte order mark makes Excel read the Vietnamese text as UTF-8.
    count = 0
    with tempfile.NamedTemporaryFile("w", encoding="utf-8-sig", newline="", suffix=".csv", delete=False) as fh:
        try:
            for count in write_rows(csv.writer(fh), qs):
                if count % presentation.CSV_CHUNK == 0:
                    progress(count, total)
        except BaseException:
            os.unlink(fh.name)  # the runner keeps only a finished file
            raise
    progress(count, max(total, count))
    return kinds.Outcome(file_path=fh.name, file_name=file_name(found.agency_object), summary={"events": count},
                         message=_("%(count)s events") % {"count": count})


def register() -> None:
    kinds.register(kinds.Kind(KIND, run, next_url=lambda job: reverse("audit:event_list")))
