"""Checks on uploaded files: by content, not by the name or type the browser sent.

Every area that takes files (signed decisions, document versions, evidence, event materials) asks
`sniff` what a file really is and `check_size` whether it may be kept; every view that gives a stored file
back uses `file_response`. Every import checks a workbook with `check_archive` before a parser opens it.
"""
import io
import struct
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from isogov.core import pdf
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
    """The file's real content type (one of the constants above), or None.

    Raises ValidationError for a PDF that runs something when opened: no area keeps one.
    """
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    try:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n\f").startswith(pdf.SIGNATURE):
            data = upload.read()
            if not pdf.looks_like_pdf(head, data[-1024:]):
                return None
            pdf.check_active_content(data)
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
    check_file_size(upload.size, limit)


def check_file_size(size: int | None, limit: int) -> None:
    if not size:
        raise ValidationError(_("The file is empty."))
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def safe_name(name: str, content_type: str) -> str:
    """The user's file name without folders, with the extension its content deserves."""
    base = clean_text((name or "").replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "file"
    return f"{base[:120]}.{EXTENSION_FOR[content_type]}"


def validate_pdf(upload) -> None:
    check_size(upload, settings.ISOGOV["SIGNED_FILE_MAX_BYTES"])
    if sniff(upload) != PDF:
        raise ValidationError(_("This file is not a PDF document."))


# What an area keeps as a document someone hands over (an event's material, an activity's or an inspection's
# evidence): PDF, Word, Excel or an image, recognised by content.
OFFICE_OR_IMAGE = frozenset({PDF, DOCX, XLSX, PNG, JPEG})


def validate_office_or_image(upload, limit: int, message=None) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    check_size(upload, limit)
    kind = sniff(upload)
    if kind not in OFFICE_OR_IMAGE:
        raise ValidationError(message or _("This file is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG "
                                           "document."))
    return kind


def check_import_size(upload) -> None:
    check_size(upload, settings.ISOGOV["IMPORT_MAX_BYTES"])


def file_response(handle, *, content_type: str, filename: str) -> FileResponse:
    """A stored upload given back: always a download, never sniffed, never run as a page of this site.

    A file's content was checked when it was stored, but an HTML or SVG polyglot stored before that check,
    opened inline, would run its script in the site's origin.
    """
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Zip archives (.xlsx). A small part's ratio means nothing: 10 KB of spaces compresses 500 times.
_RATIO_FLOOR = 1 << 20
_CHUNK = 1 << 16
# A central directory entry is 46 bytes, the part's name (at most a few hundred) and its extra fields.
_DIRECTORY_BYTES_PER_MEMBER = 1024


def check_archive(data: bytes) -> None:
    """Refuse a zip that would inflate past the import limits (settings.ISOGOV), before any parser opens it.

    In order: the directory's size (checked on the raw bytes, before zipfile builds an object per member),
    the member count, the declared sizes and ratios, then the actual sizes: every member is inflated 64 KiB
    at a time and counted, never held, so a directory that lies about a size is caught too.
    """
    limits = settings.ISOGOV
    limit, members_limit = limits["IMPORT_MAX_UNCOMPRESSED_BYTES"], limits["IMPORT_MAX_ZIP_MEMBERS"]
    if _directory_size(data) > members_limit * _DIRECTORY_BYTES_PER_MEMBER:
        raise _too_many_members("?", members_limit)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > members_limit:
                raise _too_many_members(len(members), members_limit)
            _check_unpacked(sum(m.file_size for m in members), limit)
            for m in members:
                if m.file_size > _RATIO_FLOOR and m.file_size > limits["IMPORT_MAX_RATIO"] * max(m.compress_size, 1):
                    raise ValidationError(
                        _("Part “%(part)s” of this file is compressed %(ratio)s times, more than the %(limit)s "
                          "times allowed: it is refused.")
                        % {"part": m.filename[:80], "ratio": m.file_size // max(m.compress_size, 1),
                           "limit": limits["IMPORT_MAX_RATIO"]})
            unpacked = 0
            for m in members:
                size = 0
                with package.open(m) as part:
                    while chunk := part.read(_CHUNK):
                        size += len(chunk)
                        _check_unpacked(unpacked + size, limit)
                if size != m.file_size:
                    raise _damaged()
                unpacked += size
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
            OSError, ValueError, struct.error) as exc:
        raise _damaged() from exc


def _check_unpacked(size: int, limit: int) -> None:
    if size > limit:
        raise ValidationError(_("This file unpacks to %(size)s, more than the %(limit)s allowed: it is refused.")
                              % {"size": filesizeformat(size), "limit": filesizeformat(limit)})


def _too_many_members(count, limit: int) -> ValidationError:
    return ValidationError(_("This file has %(count)s parts; at most %(limit)s are accepted.")
                           % {"count": count, "limit": limit})


def _damaged() -> ValidationError:
    return ValidationError(_("This file is damaged: its parts are not what its directory says."))


def _directory_size(data: bytes) -> int:
    """The central directory's size as zipfile will read it: the ZIP64 record's when there is one."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or len(data) < end + 22:
        raise _damaged()
    size = struct.unpack("<I", data[end + 12:end + 16])[0]
    if end >= 76 and data[end - 20:end - 16] == b"PK\x06\x07":
        size = max(size, struct.unpack("<Q", data[end - 36:end - 28])[0])
    return size
