"""The download of a signable document as Word or PDF, one helper for every area's view."""
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from isogov.core.files import DOCX, PDF
from isogov.core.official.pdf import PdfUnavailable, docx_to_pdf
from isogov.core.official.render import render_docx


def document_response(request, *, key: str, context: dict, filename: str, fmt: str = "docx", docx_url: str = ""):
    """`filename` without its extension. A PDF this server cannot make answers a page that says why and links
    to the Word file (`docx_url`), not an error."""
    docx = render_docx(key, context)
    if fmt != "pdf":
        return _download(docx, DOCX, f"{filename}.docx")
    try:
        pdf = docx_to_pdf(docx)
    except PdfUnavailable as exc:
        return render(request, "pdf_unavailable.html", {"message": exc.message, "docx_url": docx_url}, status=503)
    return _download(pdf, PDF, f"{filename}.pdf")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
