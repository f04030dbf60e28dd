"""The one content sniffer every upload goes through."""
import io
import os
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.core import files
from isogov.core.tests import zip_bombs


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.mark.parametrize("content,expected", [
    (PDF, files.PDF),
    (b"\n\n" + PDF, files.PDF),
    (b"\xef\xbb\xbf" + PDF, files.PDF),
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
    files.validate_pdf(SimpleUploadedFile("a.pdf", PDF))


def test_safe_name_drops_folders_and_takes_the_real_extension():
    assert files.safe_name("C:\\Users\\x\\báo cáo.exe", files.PDF) == "báo cáo.pdf"
    assert files.safe_name("", files.JPEG) == "file.jpg"


# Polyglots: a browser sniffing the content renders them as pages, PDF readers accepted them as PDF.
@pytest.mark.parametrize("content", [
    b"<html><body><script>alert(document.cookie)</script><!-- %PDF-1.4 -->" + PDF[8:],
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><!-- ' + PDF + b" --></svg>",
    b"GIF89a" + PDF,
    b"x" * 900 + PDF,
    b"%PDF-1.4\n1 0 obj<<>>endobj\n",  # no end: truncated, or not a PDF at all
    b"%PDF-1.4\n%%EOF\n" + b"<html>" * 400,  # the end marker is far from the end
])
def test_a_pdf_starts_with_its_signature_and_ends_with_its_end_marker(content):
    assert files.sniff(SimpleUploadedFile("x.pdf", content)) is None


JS_ACTION = b"1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"


def pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def object_stream(inner: bytes) -> bytes:
    packed = zlib.compress(inner)
    return (b"5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(packed)
            + packed + b"\nendstream\nendobj\n")


@pytest.mark.parametrize("body", [
    JS_ACTION,
    b"1 0 obj<</Type/Catalog/Names<</JavaScript 3 0 R>>>>endobj\n",
    b"1 0 obj<</Type/Annot/A<</S/Launch/F(cmd.exe)>>>>endobj\n",
    b"1 0 obj<</Type/Catalog/OpenAction<</S/J#61vaScript/J#53 (app.alert(1))>>>>endobj\n",  # #xx escapes
    b"1 0 obj<</Type/Annot/A<</S/SubmitForm/F(http://evil.example/)>>>>endobj\n",
    object_stream(b"6 0 <</S/JavaScript/JS(app.alert(1))>>"),  # hidden in a compressed object stream
    b"5 0 obj<</Type/Obj#53tm/N 1/First 4/Filter/FlateDecode/Length 12>>stream\n"
    + zlib.compress(b"6 0 <</JS 7 0 R>>") + b"\nendstream\nendobj\n",
])
def test_a_pdf_with_scripts_or_launch_actions_is_refused(body):
    with pytest.raises(ValidationError, match="JavaScript"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", pdf_with(body)))


def test_a_pdf_opening_at_a_page_or_with_compressed_objects_is_accepted():
    body = (b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/FitH null]>>endobj\n"
            + object_stream(b"6 0 <</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"))
    files.validate_pdf(SimpleUploadedFile("a.pdf", pdf_with(body)))


def test_every_upload_check_refuses_a_polyglot_and_a_scripted_pdf():
    from isogov.documents.files import check_upload
    from isogov.events.files import validate_material
    from isogov.programme.files import validate_evidence

    polyglot = b"<html><script>alert(1)</script>" + PDF
    for check in (files.validate_pdf, check_upload, validate_material, validate_evidence):
        for content in (polyglot, pdf_with(JS_ACTION)):
            with pytest.raises(ValidationError):
                check(SimpleUploadedFile("a.pdf", content))


def test_every_view_serves_stored_files_through_the_one_attachment_helper():
    # A stored upload opened inline runs whatever it really is in the site's origin.
    root = Path(files.__file__).resolve().parents[1]
    shipped = {"core/files.py", "core/views.py"}  # the helper itself; the favicon, a file of the app's own
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "tests" not in p.parts and "FileResponse(" in p.read_text()]
    assert sorted(set(offenders) - shipped) == []


def test_file_response_is_an_attachment_that_browsers_do_not_sniff():
    response = files.file_response(io.BytesIO(PDF), content_type=files.PDF, filename="quyết định.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


# Decompression bombs: every limit is checked on the archive's directory, before anything is inflated.
def test_a_workbook_inflating_to_gigabytes_is_refused_without_inflating_it():
    bomb = zip_bombs.xlsx_bomb(1 << 30)
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="unpacks to 1.0"):
            files.check_archive(bomb)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_a_workbook_that_lies_about_its_size_is_inflated_only_as_far_as_it_says():
    bomb = zip_bombs.xlsx_bomb(256 << 20, declared=2000)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="damaged"):
            files.check_archive(bomb)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_compression_ratio_and_member_count_have_limits(settings):
    # 8 MiB is under the size limit; only the ratio (about 1000 to 1) gives it away.
    with pytest.raises(ValidationError, match="compressed 9[0-9]{2} times"):
        files.check_archive(zip_bombs.xlsx_bomb(8 << 20))
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_ZIP_MEMBERS": 10}
    with pytest.raises(ValidationError, match="11 parts; at most 10"):
        files.check_archive(zipped({f"xl/part{i}.xml": b"x" for i in range(11)}))


def test_actual_size_is_counted_too(settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1000}
    with pytest.raises(ValidationError, match="unpacks to"):
        files.check_archive(zipped({"a.xml": os.urandom(600), "b.xml": os.urandom(600)}))


def test_ordinary_workbooks_pass():
    files.check_archive(zip_bombs.small_workbook())
    book = openpyxl.Workbook()
    for row in range(2000):
        book.active.append(["Sở Tư pháp", "Cấp tỉnh", row])
    out = io.BytesIO()
    book.save(out)
    files.check_archive(out.getvalue())


@pytest.mark.parametrize("header, packed", [
    (b"/Filter[/FlateDecode/FlateDecode]", zlib.compress(zlib.compress(b"6 0 <</S/JavaScript/JS 7 0 R>>"))),
    (b"/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 4>>", zlib.compress(b"\x02\x00\x00\x00\x00")),
    (b"/Filter/ASCIIHexDecode", b"2F4A53>"),
])
def test_object_streams_hiding_names_behind_other_filters_are_refused(header, packed):
    body = (b"5 0 obj<</Type/ObjStm/N 1/First 4" + header + b"/Length %d>>stream\r\n" % len(packed)
            + packed + b"\r\nendstream\nendobj\n")
    with pytest.raises(ValidationError, match="JavaScript|cannot be checked"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", pdf_with(body)))


def test_a_stream_keyword_hidden_in_a_string_does_not_hide_what_follows():
    hidden = (b"1 0 obj(stream\n)endobj\n" + object_stream(b"6 0 <</S/Launch/F(cmd.exe)>>")
              + b"2 0 obj<</OpenAction<</S/J#61vaScript/JS(x)>>>>endobj\n")
    with pytest.raises(ValidationError, match="JavaScript, Launch"):
        files.validate_pdf(SimpleUploadedFile("a.pdf", pdf_with(hidden)))
