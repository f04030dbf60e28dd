"""Files with words in them, and the search as a reader sees it."""
import io

import docx

from isogov.core.tests.files import upload
from isogov.demo.pdf import one_page_pdf
from isogov.search import selectors


def docx_upload(*paragraphs: str, name: str = "quy-trinh.docx"):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return upload(name, buffer.getvalue())


def pdf_upload(*lines: str, name: str = "quy-trinh.pdf"):
    return upload(name, one_page_pdf(list(lines)))


def found(user, q: str, kind: str = "") -> list[tuple[str, str]]:
    """(kind, title) of the first page of results, best first."""
    return [(e.kind, e.title) for e in selectors.search(user=user, q=q, kind=kind).entries]


def titles(user, q: str, kind: str = "") -> list[str]:
    return [title for _, title in found(user, q, kind)]
