"""The one content sniffer every upload goes through."""
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.core import files


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("content,expected", [
    (b"%PDF-1.7\n...", files.PDF),
    (b"\n\n%PDF-1.4 after a short preamble", files.PDF),
    (b"\x89PNG\r\n\x1a\n....", files.PNG),
    (b"\xff\xd8\xff\xe0JFIF", files.JPEG),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", files.OLE),
    (zipped({"[Content_Types].xml": b"x", "word/document.xml": b"x"}), files.DOCX),
    (zipped({"[Content_Types].xml": b"x", "xl/workbook.xml": b"x"}), files.XLSX),
    (zipped({"mimetype": files.ODT.encode(), "content.xml": b"x"}), files.ODT),
    (zipped({"readme.txt": b"just a zip"}), None),
    (b"PK\x03\x04 broken zip", None),
    (b"GIF89a", None),
    (b"MZ\x90\x00 an executable", None),
])
def test_sniff_reads_the_content_not_the_name(content, expected):
    upload = SimpleUploadedFile("renamed.pdf", content)
    assert files.sniff(upload) == expected
    assert upload.tell() == 0  # the file is left ready to be stored


def test_validate_pdf_refuses_other_content_and_sizes(settings):
    settings.ISOGOV = {**settings.ISOGOV, "SIGNED_FILE_MAX_BYTES": 100}
    with pytest.raises(ValidationError, match="not a PDF"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", b"\x89PNG\r\n\x1a\n"))
    with pytest.raises(ValidationError, match="empty"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", b""))
    with pytest.raises(ValidationError, match="limit"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 200))
    files.validate_pdf(SimpleUploadedFile("a.pdf", b"%PDF-1.4 ok"))


def test_safe_name_drops_folders_and_takes_the_real_extension():
    assert files.safe_name("C:\\Users\\x\\báo cáo.exe", files.PDF) == "báo cáo.pdf"
    assert files.safe_name("", files.JPEG) == "file.jpg"
