"""Checks on a document version's file: its size, its name, and above all its content.

A file is accepted when its extension is one of ours and its first bytes (or, for Office Open XML
and OpenDocument, the entries of its zip) say the same thing. A DOCX renamed .pdf is refused.
"""
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
# Browsers show these themselves; the rest are downloaded.
INLINE_TYPES = {"pdf", "png", "jpeg"}

EXTENSIONS = {
    "pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "doc": "doc", "xls": "xls", "odt": "odt",
    "png": "png", "jpg": "jpeg", "jpeg": "jpeg",
}
ACCEPTED = "PDF, DOCX, XLSX, DOC, XLS, ODT, PNG, JPEG"
ACCEPT_ATTR = ".pdf,.docx,.xlsx,.doc,.xls,.odt,.png,.jpg,.jpeg"

DESCRIPTIONS = {
    "pdf": gettext_lazy("a PDF document"),
    "docx": gettext_lazy("a Word document (DOCX)"),
    "xlsx": gettext_lazy("an Excel workbook (XLSX)"),
    "ole": gettext_lazy("an old-style Word or Excel file (DOC, XLS)"),
    "odt": gettext_lazy("an OpenDocument text (ODT)"),
    "png": gettext_lazy("a PNG image"),
    "jpeg": gettext_lazy("a JPEG image"),
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class CheckedFile:
    file_type: str  # a key of CONTENT_TYPES
    name: str
    size: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]


def max_bytes() -> int:
    return int(settings.ISOGOV.get("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            # A tiny entry by the OpenDocument rules; never inflate a large one (zip bombs).
            if info is not None and info.file_size <= 100 and archive.read(info).strip() == _ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError):
        return None
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def sniff(upload) -> str | None:
    """What the content is, whatever the name says: a key of DESCRIPTIONS, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(_PNG):
            return "png"
        if head.startswith(_JPEG):
            return "jpeg"
        if head.startswith(_OLE2):
            return "ole"  # DOC and XLS share the compound-file container
        if head.startswith(_ZIP):
            return _zip_kind(upload)
        return None
    finally:
        upload.seek(0)


def check_upload(upload) -> CheckedFile:
    """The file's type, or a ValidationError that says what is wrong with it."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."))
    limit = max_bytes()
    if size > limit:
        raise ValidationError(_("The file is %(size)s; the limit is %(limit)s.")
                              % {"size": filesizeformat(size), "limit": filesizeformat(limit)})
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(_("Files of this type are not accepted; use one of %(types)s.") % {"types": ACCEPTED})
    actual = sniff(upload)
    if actual is None:
        raise ValidationError(
            _("The content of this file is not of an accepted type (%(types)s), whatever its name says.")
            % {"types": ACCEPTED})
    matches = actual == expected or (actual == "ole" and expected in ("doc", "xls"))
    if not matches:
        raise ValidationError(
            _("This file is named .%(extension)s but its content is %(actual)s.")
            % {"extension": extension, "actual": DESCRIPTIONS[actual]})
    return CheckedFile(file_type=expected, name=name, size=size)
