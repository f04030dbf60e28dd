"""Signable administrative documents in the format of Decree 30/2020/NĐ-CP (Annex I), from Word templates.

The parts, in the places the decree gives them: the issuing body (its superior above it) top-left with the number
and symbol under it; the national title and motto top-right with the place and date under them; the document's
type and summary centred; the body; "Nơi nhận" bottom-left and the signature block bottom-right. A4, margins
20/20/30/20 mm, Times New Roman. The templates (docxtpl) lay these out; `frame` fills them; tools/
make_official_templates.py writes the packaged defaults; an administrator may replace any (isogov.doctemplates).
"""
from isogov.core.official.http import document_response
from isogov.core.official.pdf import PdfUnavailable, docx_to_pdf
from isogov.core.official.render import (
    Registered,
    TemplateBroken,
    frame,
    get,
    is_replaced,
    register,
    registered,
    render_bytes,
    render_docx,
    stored_name,
    template_bytes,
)
from isogov.core.official.words import (
    BLANK,
    MOTTO,
    NATIONAL_TITLE,
    Signer,
    abbreviation,
    document_number,
    short_date,
    vn_date,
)


def render_pdf(key: str, context: dict) -> bytes:
    """The document as a PDF, from the same DOCX. Raises PdfUnavailable(message) when this machine cannot."""
    return docx_to_pdf(render_docx(key, context))


__all__ = [
    "BLANK", "MOTTO", "NATIONAL_TITLE", "PdfUnavailable", "Registered", "Signer", "TemplateBroken", "abbreviation",
    "document_number", "document_response", "docx_to_pdf", "frame", "get", "is_replaced", "register", "registered",
    "render_bytes", "render_docx", "render_pdf", "short_date", "stored_name", "template_bytes", "vn_date",
]
