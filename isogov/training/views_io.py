"""Attendance import (upload → preview → confirm), the agency import's flow for one session's trainees.

Between preview and confirm the upload waits in the default storage under a random name whose token is
in the session; confirm reads it again, re-checks it against the database as it is then, and deletes it.
"""
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.registry.views_io import ImportForm
from isogov.training.importing import (
    AttendancePlan,
    import_attendance,
    preview_import,
)
from isogov.training.io_read import COLUMNS, REQUIRED_FIELDS, extension
from isogov.training.models import Session

SESSION_KEY = "training_import"
STORAGE_DIR = "imports"
PREVIEW_LIMIT = 300

COLUMN_NOTES = {
    "full_name": gettext_lazy("A person already on this session's list for the same agency (compared without "
                              "case and diacritics) is updated, not added twice."),
    "position": "",
    "agency_code": gettext_lazy("The code of an agency in the registry."),
    "is_iso_secretary": gettext_lazy("Có or Không (yes/no, x or empty for no)."),
    "completed": gettext_lazy("Có or Không (yes/no, x or empty for no)."),
    "certificate_number": gettext_lazy("Unique within the course; only for a trainee who completed it."),
}


@login_required
@require_http_methods(["GET", "POST"])
def session_import(request, pk):
    session = access.access_session(request.user, pk, write=True)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, session)
    if request.method == "POST" and "cancel" in request.POST:
        _discard(request)
        return go(request, "training:session_import", pk=session.pk)
    return write(
        request, ImportForm(request.POST or None, request.FILES or None),
        service=lambda data: _preview(request, session, data["file"]),
        success=lambda page: page,
        refused=lambda form, status: _upload_page(request, session, form=form, status=status),
    )


def _preview(request, session: Session, upload):
    """Nothing is written yet: the rows are checked and shown, and a file with changes waits for confirmation."""
    data = upload.read()
    plan = preview_import(session=session, data=data, filename=upload.name)
    if plan.errors:
        return _upload_page(request, session, form=ImportForm(), plan=plan)
    _discard(request)  # a newer upload replaces one that was never confirmed
    token = _keep(request, session, data, upload.name) if plan.has_changes else ""
    return _preview_page(request, plan, token)


def _confirm(request, session: Session):
    pending = request.session.get(SESSION_KEY)
    if (not pending or pending.get("session") != session.pk
            or not secrets.compare_digest(pending["token"], request.POST.get("token", ""))):
        return _upload_page(request, session, form=ImportForm(), stale=True, status=409)
    try:
        with default_storage.open(pending["name"], "rb") as fh:
            data = fh.read()
    except OSError:
        request.session.pop(SESSION_KEY, None)
        return _upload_page(request, session, form=ImportForm(), stale=True, status=409)

    def imported(plan: AttendancePlan | None):
        if plan is None:
            return _upload_page(request, session, form=ImportForm(), stale=True, status=409)
        messages.success(request, _("Import done: %(new)s new trainees, %(updated)s updated, %(unchanged)s "
                                    "unchanged.") % {"new": len(plan.creates), "updated": len(plan.updates),
                                                     "unchanged": plan.unchanged})
        return go(request, "training:session_detail", pk=session.pk)

    return write(
        request, None,
        service=lambda _data: _apply(request, session, data, pending["filename"]),
        success=imported,
        rejected=lambda exc: _upload_page(request, session, form=ImportForm(), plan=exc.plan),
    )


def _apply(request, session: Session, data: bytes, filename: str) -> AttendancePlan | None:
    """The import, checked again (trainees may have been added or changed since the preview); ImportRejected on
    any error. None when a concurrent write beat ours: nothing was applied, and the preview is stale."""
    try:
        return import_attendance(actor=request.user, session=session, data=data, filename=filename)
    except IntegrityError:
        return None
    finally:
        _discard(request)


def _keep(request, session: Session, data: bytes, filename: str) -> str:
    token = secrets.token_urlsafe(24)
    name = default_storage.save(f"{STORAGE_DIR}/{token}{extension(filename)}", ContentFile(data))
    request.session[SESSION_KEY] = {"token": token, "name": name, "filename": filename, "session": session.pk}
    return token


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        try:
            default_storage.delete(pending["name"])
        except OSError:
            pass  # already gone; nothing else refers to it


def _upload_page(request, session: Session, *, form, plan: AttendancePlan | None = None, stale: bool = False,
                 status: int = 200):
    columns = [{"header": header, "alias": aliases[0], "required": f in REQUIRED_FIELDS,
                "note": COLUMN_NOTES.get(f, "")} for f, header, aliases in COLUMNS]
    context = {"session": session, "form": form, "plan": plan, "stale": stale, "columns": columns,
               "max_bytes": settings.ISOGOV["IMPORT_MAX_BYTES"]}
    return render(request, "training/import.html", context, status=status)


def _preview_page(request, plan: AttendancePlan, token: str):
    context = {"plan": plan, "session": plan.session, "token": token,
               "creates": plan.creates[:PREVIEW_LIMIT], "updates": plan.updates[:PREVIEW_LIMIT],
               "more_new": max(0, len(plan.creates) - PREVIEW_LIMIT),
               "more_updated": max(0, len(plan.updates) - PREVIEW_LIMIT)}
    return render(request, "training/import_preview.html", context)
