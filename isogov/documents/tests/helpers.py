"""Small files of every accepted type, built in memory, and a document factory for the tests."""
import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.documents import services
from isogov.documents.models import DocumentKind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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

CONTENT = {"pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG, "doc": OLE2, "xls": OLE2, "docx": DOCX,
           "xlsx": XLSX, "odt": ODT}


def upload(name: str = "quy-trinh.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = CONTENT[name.rsplit(".", 1)[-1].lower()]
    return SimpleUploadedFile(name, content)


def make_document(agency, actor, *, code="QT-01", title="Quy trình kiểm soát tài liệu", kind=DocumentKind.PROCEDURE,
                  file=None, **extra):
    extra.setdefault("owner_name", "Văn phòng HĐND và UBND")
    return services.document_create(agency=agency, actor=actor, code=code, title=title, kind=kind, file=file, **extra)


def make_legal(agency, actor, *, code="VB-01", effective_on=dt.date(2026, 1, 1), incorporated_on=None, **extra):
    return make_document(agency, actor, code=code, title="Nghị định về cơ chế một cửa", kind=DocumentKind.EXTERNAL,
                         issuing_body="Chính phủ", legal_number=extra.pop("legal_number", "61/2018/NĐ-CP"),
                         legal_effective_on=effective_on, incorporated_on=incorporated_on, **extra)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]
