"""The download of a signable document as Word or PDF, one helper for every area's view."""
import io

from django.shortcuts import render

from isogov.core.files import DOCX, PDF, file_response
from isogov.core.official.pdf import PdfUnavailable, docx_to_pdf
from isogov.core.official.render import render_docx


def document_response(request, *, key: str, context: dict, filename: str, fmt: str = "docx", docx_url: str = ""):
    """`filename` without its extension. A PDF this server cannot make answers a page that says why and links
    to the Word file (`docx_url`), not an error."""
    docx = render_docx(key, context)
    if fmt != "pdf":
        return file_response(io.BytesIO(docx), content_type=DOCX, filename=f"{filename}.docx")
    try:
        pdf = docx_to_pdf(docx)
    except PdfUnavailable as exc:
        return render(request, "pdf_unavailable.html", {"message": exc.message, "docx_url": docx_url}, status=503)
    return file_response(io.BytesIO(pdf), content_type=PDF, filename=f"{filename}.pdf")
