"""Small files of every accepted type, built in memory, shared by the areas' tests (one copy, not one per app).
The upload's content type is whatever a browser might send: the services sniff the bytes and never read it."""
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})

CONTENT = {"pdf": PDF_BYTES, "png": PNG, "jpg": JPEG, "jpeg": JPEG, "doc": OLE2, "xls": OLE2, "docx": DOCX,
           "xlsx": XLSX, "odt": ODT}


def upload(name: str = "quy-trinh.pdf", content: bytes | None = None,
           content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A file as a form posts it; without `content`, a small valid file of the type its extension names."""
    if content is None:
        content = CONTENT[name.rsplit(".", 1)[-1].lower()]
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "quyet-dinh.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")
