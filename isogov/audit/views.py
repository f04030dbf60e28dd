import csv
import io
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isogov.audit import exporting, presentation, selectors
from isogov.core.paging import CountCappedPaginator
from isogov.core.writeflow import go
from isogov.jobs import services as jobs

log = logging.getLogger(__name__)


@login_required
def event_list(request):
    found = selectors.event_list(user=request.user, data=request.GET)
    page = CountCappedPaginator(found.qs, settings.ISOGOV["AUDIT_PAGE_SIZE"],
                                cap=settings.ISOGOV["AUDIT_COUNT_CAP"]).get_page(request.GET.get("page"))
    events = list(page)
    rows = [
        {"event": e, "type_label": presentation.object_type_label(e.object_type), "changes": changes}
        for e, changes in zip(events, presentation.event_rows(events))
    ]
    return render(request, "audit/event_list.html", {
        "form": found.form, "page": page, "rows": rows, "agency": found.agency_object,
        # None past the cap: the page says "more than" the cap rather than count a million events on every view.
        "total": None if page.paginator.capped else page.paginator.count, "cap": page.paginator.cap,
    })


@login_required
@require_http_methods(["GET", "POST"])
def event_export(request):
    """POST (the page's button): the export runs as a background job, and its page shows it progress and then
    the file. GET streams the same rows within the request, for scripts and small trails."""
    found = selectors.event_list(user=request.user, data=request.GET)  # a foreign agency is a 404 here already
    qs, agency = found.qs, found.agency_object
    if request.method == "POST":
        title = (_("Audit trail export: %(agency)s") % {"agency": agency.name} if agency
                 else _("Audit trail export"))
        job = jobs.start(kind=exporting.KIND, title=title, requested_by=request.user, agency=agency,
                         params={"query": request.GET.urlencode()})
        return go(request, "jobs:job_detail", job.pk)
    language = translation.get_language()

    def pieces():
        # Rows are produced after the view returns, so the request's language is set again here.
        with translation.override(language):
            buffer = io.StringIO(newline="")
            writer = csv.writer(buffer)
            # The byte order mark makes Excel read the Vietnamese text as UTF-8.
            buffer.write("\ufeff")
            count = 0
            try:
                # Sent CSV_CHUNK rows at a time: a piece per row costs more to send than to write.
                for count in exporting.write_rows(writer, qs):
                    if count % presentation.CSV_CHUNK == 0:
                        yield _take(buffer)
            except Exception:  # noqa: BLE001 - the headers are sent: the file itself must say it is short
                log.exception("audit export failed after %d events", count)
                writer.writerow([_("The export failed after %(count)s events: this file is incomplete. "
                                   "Export again, or narrow the filters.") % {"count": count}])
            yield _take(buffer)

    response = StreamingHttpResponse(pieces(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exporting.file_name(agency)}"'
    return response


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
