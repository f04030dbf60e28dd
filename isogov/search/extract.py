"""The text of an uploaded DOCX or PDF, for the search index.

Read inside the upload's request, so it is capped: at most MAX_PAGES pages of a PDF, MAX_CHARS characters, and
it stops once READ_SECONDS have passed. Whatever the file holds, reading it never refuses the upload (that was
decided by core/uploads.py): a file that cannot be read simply adds no text.
"""
import logging
import time
import zipfile

log = logging.getLogger(__name__)

MAX_CHARS = 100_000  # some 40 pages of text: the procedure's words are on its first pages
MAX_PAGES = 40
READ_SECONDS = 2.0
MAX_XML_BYTES = 50_000_000  # a DOCX's text part larger than this unpacked is a zip bomb, not a procedure


def text_of(fileobj, file_type: str) -> str:
    """The file's text (at most MAX_CHARS), or "" for other types and for files that cannot be read."""
    reader = {"docx": _docx, "pdf": _pdf}.get((file_type or "").lower())
    if reader is None:
        return ""
    try:
        return reader(fileobj, time.monotonic() + READ_SECONDS)[:MAX_CHARS]
    except Exception:  # noqa: BLE001 - a broken or hostile file adds no text; the upload itself stands
        log.warning("search: could not read the text of a %s file", file_type, exc_info=True)
        return ""


def _docx(fileobj, deadline: float) -> str:
    import docx

    with zipfile.ZipFile(fileobj) as archive:  # checked before python-docx unpacks it
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_XML_BYTES:
            return ""
    fileobj.seek(0)
    document = docx.Document(fileobj)
    parts, size = [], 0
    for paragraph in _paragraphs(document):
        parts.append(paragraph)
        size += len(paragraph) + 1
        if size >= MAX_CHARS or time.monotonic() > deadline:
            break
    return "\n".join(parts)


def _paragraphs(document):
    for paragraph in document.paragraphs:
        if paragraph.text:
            yield paragraph.text
    for table in document.tables:  # a procedure's steps are often a table
        for row in table.rows:
            for cell in row.cells:
                if cell.text:
                    yield cell.text


def _pdf(fileobj, deadline: float) -> str:
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    parts, size = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or size >= MAX_CHARS or time.monotonic() > deadline:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n".join(parts)
