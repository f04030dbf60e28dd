"""Checks on a document version's file: its size, its name, and above all its content.

A file is accepted when its extension is one of ours and its first bytes (or, for Office Open XML
and OpenDocument, the entries of its zip) say the same thing. A DOCX renamed .pdf is refused.
"""
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.core import files as core
from isogov.core.text import clean_text

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

@dataclass(frozen=True)
class CheckedFile:
    file_type: str  # a key of CONTENT_TYPES
    name: str
    size: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]


def max_bytes() -> int:
    return settings.ISOGOV["DOCUMENT_MAX_BYTES"]


# The shared sniffer's content types, as this module's keys.
_KEYS = {core.PDF: "pdf", core.DOCX: "docx", core.XLSX: "xlsx", core.OLE: "ole", core.ODT: "odt",
         core.PNG: "png", core.JPEG: "jpeg"}


def sniff(upload) -> str | None:
    """What the content is, whatever the name says: a key of DESCRIPTIONS, or None."""
    return _KEYS.get(core.sniff(upload))


def check_upload(upload) -> CheckedFile:
    """The file's type, or a ValidationError that says what is wrong with it."""
    size = upload.size or 0
    core.check_size(upload, max_bytes())
    name = clean_text((upload.name or "").replace("\\", "/").rsplit("/", 1)[-1])
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
