"""Evidence files are recognised by their content, never by the name or type the browser sent."""
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PNG: "png", JPEG: "jpg"}


def _office_kind(upload) -> str | None:
    """DOCX and XLSX are zip files; what tells them apart is the part at the centre of the package."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" in head:  # readers accept the signature anywhere in the first KiB
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        return kind
    return None


def validate_evidence(upload) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    limit = settings.ISOGOV["SIGNED_FILE_MAX_BYTES"]
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(_("Accepted evidence files are PDF, Word (DOCX), Excel (XLSX), PNG or JPEG."))
    return kind


def safe_name(name: str, kind: str) -> str:
    """The user's file name without folders, with the extension its content deserves."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0].strip() or "file"
    return f"{base[:120]}.{EXTENSIONS[kind]}"
