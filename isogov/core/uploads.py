"""A ceiling on the request body, checked on the declared length before anything reads the body.

Django keeps only the non-file fields of a request in memory (DATA_UPLOAD_MAX_MEMORY_SIZE); files of
any size are streamed to temporary files, so without this a 10 GB post fills the disk before a form's
size check ever runs. The client must send Content-Length: under WSGI a body without one is read as empty.
The WSGI server discards the unread body; the reverse proxy should refuse it first (README, "Production").
"""
from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.ISOGOV["UPLOAD_MAX_REQUEST_BYTES"]
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads a malformed length as no body at all
        if length > limit:
            context = {"size": filesizeformat(length), "limit": filesizeformat(limit), "back": request.path}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
