import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.events.models import EventKind
from isogov.events.tests.factories import EventFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office(kind: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def event(province, *, invited=(), title="Hội nghị triển khai Kế hoạch ISO năm 2020", kind=EventKind.LAUNCH,
          date=dt.date(2020, 2, 20)):
    return EventFactory(province=province, invited=invited, title=title, kind=kind, date=date)
