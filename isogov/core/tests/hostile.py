"""Hostile text for the writers' tests: what old records may hold, written straight into the database.

Records stored before the text cleaner existed may hold control characters (\\x01, \\x0b from Word's line
break, \\x1f), C1 controls, U+FFFE, and text a spreadsheet would run as a formula. `poison` puts such text
into every free-text column of a record with a queryset update, bypassing every service, as old data
would be; the `assert_*` helpers check that a generated file opens and holds neither.
"""
import csv
import io
import itertools
import re

from django.db import models

# A spreadsheet runs a cell that starts with one of these (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Every character that breaks a DOCX/XLSX (XML 1.0) or that nobody types: C0 but tab and newline, DEL, C1,
# lone surrogates, U+FFFE/U+FFFF. \r is kept out of generated text too: it is normalised to \n.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_counter = itertools.count(1)
# What a person may type or paste (Word's line break \x0b, NEL \x85, decomposed diacritics included), and
# what the one text cleaner makes of it in a single-line and in a multi-line field.
TYPED = "  Nguye\u0302\u0303n\x01 Va\u0306n\x0bAn\x1f\x7f\ufffe\x85  "
TYPED_LINE = "Nguyễn Văn An"
TYPED_LINES = "Nguyễn Văn\nAn"


def hostile(prefix: str = "=") -> str:
    """A formula with control characters early, so that even a short column keeps some of them."""
    return f"{prefix}{next(_counter)}+1\x01\x0b\x1f\x7f\x85\ufffe HYPERLINK(\"http://evil.example\",\"x\")"


def poison(obj: models.Model, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every free-text column of `obj` (not choices, not computed) gets hostile text; returns what was written."""
    values = {}
    prefixes = itertools.cycle(FORMULA_PREFIXES)
    for field in obj._meta.concrete_fields:
        if (not isinstance(field, (models.CharField, models.TextField)) or field.choices or not field.editable
                or field.primary_key or field.name in skip):
            continue
        text = hostile(next(prefixes))
        values[field.attname] = text[: field.max_length] if field.max_length else text
    type(obj)._base_manager.filter(pk=obj.pk).update(**values)
    for name, value in values.items():
        setattr(obj, name, value)
    return values


def assert_db_clean() -> int:
    """No text column of any isogov table (JSON values included) holds a control character; returns the rows seen."""
    from django.apps import apps

    seen = 0
    for model in apps.get_models():
        if not model.__module__.startswith("isogov."):
            continue
        names = [f.attname for f in model._meta.concrete_fields
                 if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        for row in model._base_manager.values("pk", *names):
            seen += 1
            for name in names:
                for text in _strings(row[name]):
                    assert not CONTROL.search(text), f"{model.__name__}.{name} (pk {row['pk']}): {text!r}"
    return seen


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _assert_clean(text: str, where: str) -> None:
    assert not CONTROL.search(text), f"control character in {where}: {text!r}"


def docx_text(data: bytes) -> str:
    """All the document's text (paragraphs and table cells) once it has opened; fails on a control character."""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for part in parts:
        _assert_clean(part, "the document")
    return "\n".join(parts)


def xlsx_cells(data: bytes) -> list:
    """Every non-empty cell once the workbook has opened; fails on a formula or a control character."""
    from openpyxl import load_workbook

    assert b"<f>" not in data and b"<f " not in data  # no formula element anywhere in the workbook
    workbook = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if cell.value is not None]
    for cell in cells:
        assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
        if isinstance(cell.value, str):
            _assert_clean(cell.value, cell.coordinate)
    return cells


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV; fails on a cell a spreadsheet would run as a formula or on a control character."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES + ("\n",)), f"formula-like cell: {cell!r}"
            _assert_clean(cell, "the CSV")
    return rows
