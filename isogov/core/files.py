"""Checks on uploaded files: by content, not by the name or type the browser sent.

Every area that takes files (signed decisions, document versions, evidence, event materials) asks
`sniff` what a file really is and `check_size` whether it may be kept.
"""
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from isogov.core.text import clean_text

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
# DOC and XLS share the OLE2 compound-file container; the content alone does not tell them apart.
OLE = "application/x-ole-storage"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSION_FOR = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", ODT: "odt", PNG: "png", JPEG: "jpg"}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            info = package.getinfo("mimetype") if "mimetype" in names else None
            # The OpenDocument mimetype entry is tiny by the format's rules; never inflate a large one.
            if info is not None and info.file_size <= 100 and package.read(info).strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(upload) -> str | None:
    """The file's real content type (one of the constants above), or None."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    try:
        if b"%PDF-" in head:  # PDF readers accept the signature anywhere in the first KiB
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(_OLE2):
            return OLE
        if head.startswith(_ZIP):
            return _zip_kind(upload)
        return None
    finally:
        upload.seek(0)


def check_size(upload, limit: int) -> None:
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def safe_name(name: str, content_type: str) -> str:
    """The user's file name without folders, with the extension its content deserves."""
    base = clean_text((name or "").replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "file"
    return f"{base[:120]}.{EXTENSION_FOR[content_type]}"


def validate_pdf(upload) -> None:
    check_size(upload, settings.ISOGOV["SIGNED_FILE_MAX_BYTES"])
    if sniff(upload) != PDF:
        raise ValidationError(_("This file is not a PDF document."))


def check_import_size(upload) -> None:
    check_size(upload, settings.ISOGOV["IMPORT_MAX_BYTES"])
