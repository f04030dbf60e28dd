"""The figures read back out of the generated files, as a person opening them would see them."""
import io

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader


def docx_tables(content: bytes) -> list[list[list[str]]]:
    """Every ruled table of the document (the frame's layout tables have no rule and hold no figure)."""
    doc = Document(io.BytesIO(content))
    return [[[cell.text.strip() for cell in row.cells] for row in table.rows]
            for table in doc.tables if table.style is not None and table.style.name == "Table Grid"]


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def xlsx_rows(content: bytes) -> list[list]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    sheet = book.worksheets[0]
    return [[v for v in row] for row in sheet.iter_rows(values_only=True)]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_section(rows: list[list], title: str) -> list[list]:
    """The rows under the section titled `title`, up to the blank row that ends it (its heads first, after the
    section's note when it has one: a row of one cell)."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == title) + 1
    if sum(v is not None for v in rows[start]) == 1:
        start += 1
    out = []
    for row in rows[start:]:
        if not any(v is not None for v in row):
            break
        out.append([v for v in row])
    return out
