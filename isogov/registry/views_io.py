"""Agency import (upload → preview → confirm) and export pages.

Between preview and confirm the upload waits in the default storage under a random name whose token is
in the session; confirm reads it again, re-checks it against the registry as it is then, and deletes it.
"""
import datetime as dt
import logging
import secrets
import tempfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from isogov.accounts import access
from isogov.core import files
from isogov.core.files import check_import_size
from isogov.core.writeflow import go, write
from isogov.jobs import services as jobs
from isogov.jobs.models import Readers
from isogov.registry import export_job, exporting, import_job, selectors
from isogov.registry.importing import Plan, import_agencies, preview_import
from isogov.registry.io_read import COLUMNS, REQUIRED_FIELDS, extension
from isogov.registry.models import AgencyKind

log = logging.getLogger(__name__)
SESSION_KEY = "registry_import"
STORAGE_DIR = "imports"
# A preview of 10,000 new agencies is unreadable and slow; the counts say how many more there are.
PREVIEW_LIMIT = 300

COLUMN_NOTES = {
    "code": gettext_lazy("Letters, digits, dots, dashes or underscores. A code already in the registry "
                         "updates that agency; a new code creates one."),
    "name": "",
    "tier": gettext_lazy("For example Cấp tỉnh, Cấp huyện, Cấp xã, or just xã; case and diacritics do not matter."),
    "parent_code": gettext_lazy("The code of the agency above, on any row of the file or already in the "
                                "registry. Empty: a top-level agency."),
    "kind": gettext_lazy("For example sở, chi cục, UBND huyện, UBND xã, đơn vị sự nghiệp. Empty: other."),
    "mandatory": gettext_lazy("Có or Không (yes/no, x or empty for no). Without this column a new agency takes "
                              "its tier's default and an existing one keeps its value."),
    "iso_secretary": gettext_lazy("Without this column existing values are kept."),
    "email": gettext_lazy("Without this column existing values are kept."),
    "phone": gettext_lazy("Without this column existing values are kept."),
}


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_import_size(upload)
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def agency_import(request):
    access.require_registry_manager(request.user)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    if request.method == "POST" and "cancel" in request.POST:
        _discard(request)
        return go(request, "registry:agency_import")
    return write(
        request, ImportForm(request.POST or None, request.FILES or None),
        service=lambda data: _preview(request, data["file"]),
        success=lambda page: page,
        refused=lambda form, status: _upload_page(request, form=form, status=status),
    )


def _preview(request, upload):
    """Nothing is written yet: the rows are checked and shown, and a file with changes waits for confirmation."""
    data = upload.read()
    plan = preview_import(data=data, filename=upload.name)
    if plan.errors:
        return _upload_page(request, form=ImportForm(), plan=plan)
    _discard(request)  # a newer upload replaces one that was never confirmed
    rows = len(plan.creates) + len(plan.updates) + plan.unchanged
    token = _keep(request, data, upload.name, rows) if plan.has_changes else ""
    return _preview_page(request, plan, token)


def _confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        return _upload_page(request, form=ImportForm(), stale=True, status=409)
    if pending.get("rows", 0) > settings.ISOGOV["IMPORT_INLINE_ROWS"]:
        return _start_job(request, pending)
    try:
        with default_storage.open(pending["name"], "rb") as fh:
            data = fh.read()
    except OSError:
        request.session.pop(SESSION_KEY, None)
        return _upload_page(request, form=ImportForm(), stale=True, status=409)

    def imported(plan: Plan | None):
        if plan is None:
            return _upload_page(request, form=ImportForm(), stale=True, status=409)
        messages.success(request, _("Import done: %(new)s new agencies, %(updated)s updated, %(unchanged)s "
                                    "unchanged.") % {"new": len(plan.creates), "updated": len(plan.updates),
                                                     "unchanged": plan.unchanged})
        return go(request, "registry:agency_list")

    return write(
        request, None,
        service=lambda _data: _apply(request, data, pending["filename"]),
        success=imported,
        rejected=lambda exc: _upload_page(request, form=ImportForm(), plan=exc.plan),
    )


def _start_job(request, pending: dict):
    """A large file is imported by the worker, with a progress page; the job now owns the stored upload."""
    request.session.pop(SESSION_KEY, None)
    job = jobs.start(kind=import_job.KIND, title=_("Agency import: %(file)s") % {"file": pending["filename"]},
                     requested_by=request.user, readers=Readers.REGISTRY_MANAGERS, total=pending["rows"],
                     params={"name": pending["name"], "filename": pending["filename"]})
    return go(request, "jobs:job_detail", job.pk)


def _apply(request, data: bytes, filename: str) -> Plan | None:
    """The import, parsed and checked again (the registry may have changed since the preview); ImportRejected
    on any error. None when another import created the same codes between our check and our write: nothing
    was applied, and the preview is stale."""
    try:
        return import_agencies(actor=request.user, data=data, filename=filename)
    except IntegrityError:
        return None
    finally:
        _discard(request)


def _keep(request, data: bytes, filename: str, rows: int) -> str:
    _sweep_abandoned()
    token = secrets.token_urlsafe(24)
    name = default_storage.save(f"{STORAGE_DIR}/{token}{extension(filename)}", ContentFile(data))
    request.session[SESSION_KEY] = {"token": token, "name": name, "filename": filename, "rows": rows}
    return token


def _sweep_abandoned() -> None:
    """Previews never confirmed nor cancelled (the tab was closed, the session expired) would stay forever."""
    # As old as a whole session: the session that could confirm it has expired.
    cutoff = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    try:
        _dirs, names = default_storage.listdir(STORAGE_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        path = f"{STORAGE_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (OSError, NotImplementedError):
            pass  # gone already, or a storage that cannot tell; the next upload tries again


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        try:
            default_storage.delete(pending["name"])
        except OSError:
            pass  # already gone; nothing else refers to it


def _upload_page(request, *, form, plan: Plan | None = None, stale: bool = False, status: int = 200):
    columns = [{"header": header, "alias": aliases[0], "required": f in REQUIRED_FIELDS,
                "note": COLUMN_NOTES.get(f, "")} for f, header, aliases in COLUMNS]
    context = {"form": form, "plan": plan, "stale": stale, "columns": columns,
               "max_bytes": settings.ISOGOV["IMPORT_MAX_BYTES"]}
    return render(request, "registry/agency_import.html", context, status=status)


def _preview_page(request, plan: Plan, token: str):
    new_rows = [{
        "row": r.row, "code": r.code, "name": r.values["name"], "tier": r.values["tier"],
        "parent": r.values["parent"] or "", "kind": AgencyKind(r.values["kind"]).label,
        "mandatory": r.values["mandatory"],
    } for r in plan.creates[:PREVIEW_LIMIT]]
    context = {
        "plan": plan, "token": token, "new_rows": new_rows, "updates": plan.updates[:PREVIEW_LIMIT],
        "more_new": max(0, len(plan.creates) - PREVIEW_LIMIT),
        "more_updated": max(0, len(plan.updates) - PREVIEW_LIMIT),
    }
    return render(request, "registry/agency_import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agency_export(request):
    """GET downloads at once; POST (the list's buttons when it holds more than EXPORT_INLINE_ROWS agencies) runs
    the same export as a background job and shows its page."""
    fmt = "." + (request.POST.get("format") or request.GET.get("format", "xlsx")).strip().lower()
    if fmt not in exporting.FORMATS:
        return HttpResponseBadRequest(_("Unknown export format: use xlsx or csv."))
    if request.method == "POST":
        job = jobs.start(kind=export_job.KIND, title=_("Agency export (%(format)s)") % {"format": fmt[1:].upper()},
                         requested_by=request.user,
                         params={"format": fmt, "query": request.GET.urlencode()})
        return go(request, "jobs:job_detail", job.pk)
    # The list's own filters, so the file holds what the page showed.
    agencies = selectors.agency_list(user=request.user, data=request.GET, tiers=list(selectors.tiers())).qs
    name = export_job.file_name(fmt)
    if fmt == ".csv":
        response = StreamingHttpResponse(_streamed_csv(exporting.agency_rows(agencies)),
                                         content_type=exporting.FORMATS[fmt])
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    # A zip cannot be sent before it is finished: the workbook is written to a temporary file (openpyxl's
    # write-only mode keeps its rows on disk too), then sent from there; memory stays flat either way.
    out = tempfile.TemporaryFile()
    try:
        exporting.write_agencies(agencies=agencies, fmt=fmt, out=out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return files.file_response(out, content_type=exporting.FORMATS[fmt], filename=name)


def _streamed_csv(rows):
    """The CSV's pieces as they are written; the headers are gone by the time a row fails, so the file says it."""
    counted = exporting.Counted(rows)
    yield exporting.BOM
    try:
        yield from exporting.csv_chunks(counted)
    except Exception:  # noqa: BLE001 - the response has started: the file itself must say it is short
        log.exception("agency export failed after %d agencies", counted.count)
        yield exporting.csv_line([_("The export failed after %(count)s agencies: this file is incomplete. Export "
                                    "again, or narrow the filters.") % {"count": counted.count}])
