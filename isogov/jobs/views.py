"""A job's page (a progress bar the page polls for), its result's download, and the person's own jobs."""
import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from isogov.accounts import access
from isogov.core import files
from isogov.jobs import kinds, runner, selectors

PAGE_SIZE = 50


def _context(job) -> dict:
    runner.live_progress(job)
    kind = kinds.KINDS.get(job.kind)
    next_url = kind.next_url(job) if kind and kind.next_url and job.status == "done" else ""
    return {"job": job, "next_url": next_url}


@login_required
@require_GET
def job_detail(request, pk):
    job = access.access_job(request.user, pk)
    return render(request, "jobs/job_detail.html", _context(job))


@login_required
@require_GET
def job_status(request, pk):
    """The part of the page htmx polls for while the job runs; once it is finished the part stops polling."""
    job = access.access_job(request.user, pk)
    return render(request, "jobs/_status.html", _context(job))


@login_required
@require_GET
def job_download(request, pk):
    job = access.access_job(request.user, pk)
    if job.status != "done" or not job.result_file:
        raise Http404("No file")
    try:
        fh = default_storage.open(job.result_file, "rb")
    except FileNotFoundError:
        raise Http404("No file") from None
    kind = mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    return files.file_response(fh, content_type=kind, filename=job.result_name)


@login_required
@require_GET
def job_list(request):
    page = Paginator(selectors.my_jobs(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobs/job_list.html", {"page": page})
