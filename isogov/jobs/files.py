"""Files a page offers for download that are built by a background job: the registers (XLSX) and the annual
reports (DOCX, XLSX, PDF). The page's button starts the job and the person watches it on the job's page; a GET
of the same address still returns the file at once, for scripts.

Each area names its builders in its AppConfig.ready(), so this app imports none of them. A builder is called as
`build(user=, params=)` when the job runs and returns `(file_name, content)`; it asks the area's access helper
again then, so a person who lost access between the click and the run gets a refusal, not the file.

`content` is the file's bytes, or, for a file too large to hold in memory (a CSV of every agency), an iterable of
its pieces in order: the job writes them to its file as they come and a GET streams them. Such a builder checks
access and looks its labels up before it returns: its pieces are made only as they are read, after the view.
"""
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from isogov.core import official
from isogov.jobs import kinds, services

KIND = "file"
Builder = Callable[..., tuple[str, bytes | Iterable[bytes]]]
BUILDERS: dict[str, Builder] = {}
# Not left to `mimetypes`, whose table depends on the machine's /etc/mime.types.
TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8"}


def register(name: str, build: Builder) -> None:
    BUILDERS[name] = build


def run(job, progress) -> kinds.Outcome:
    user = job.requested_by
    if user is None or not user.is_active:
        raise kinds.JobRefused(_("The account that asked for this file is no longer active."))
    try:
        build = BUILDERS[job.params["file"]]
    except KeyError:
        raise kinds.JobRefused(_("This kind of file can no longer be built.")) from None
    progress(0, 1, _("Building the file"))
    try:
        name, content = build(user=user, params=job.params)
    except (Http404, PermissionDenied):
        raise kinds.JobRefused(_("You may no longer read what this file holds.")) from None
    except official.PdfUnavailable as exc:
        raise kinds.JobRefused(exc.message) from None
    size = 0
    with tempfile.NamedTemporaryFile("wb", suffix=Path(name).suffix, delete=False) as fh:
        try:
            for piece in [content] if isinstance(content, bytes) else content:
                size += fh.write(piece)
        except BaseException:
            os.unlink(fh.name)  # the runner keeps only a finished file
            raise
    progress(1, 1, "")
    return kinds.Outcome(file_path=fh.name, file_name=name, summary={"bytes": size})


def start(*, file: str, title: str, user, params: dict, agency=None):
    """The job that builds `file` for `user` with `params` (the page's filters and choices, JSON-safe)."""
    if file not in BUILDERS:
        raise ImproperlyConfigured(f"No file builder {file!r} is registered (isogov/jobs/files.py).")
    return services.start(kind=KIND, title=title, requested_by=user, agency=agency, params={"file": file, **params})


def download(request, file: str, *, params: dict, title: str, agency=None) -> HttpResponse:
    """A download address: POST (the page's button) starts the job and opens its page; GET builds the file
    within the request and returns it (scripts, small files)."""
    if request.method == "POST":
        return redirect("jobs:job_detail", start(file=file, title=title, user=request.user, params=params,
                                                  agency=agency).pk)
    name, content = BUILDERS[file](user=request.user, params=params)
    kind = TYPES.get(Path(name).suffix, "application/octet-stream")
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=kind)
    else:
        response = StreamingHttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def register_kind() -> None:
    kinds.register(kinds.Kind(KIND, run))
