"""Documents for the tests (made by the factories) and the files the storage holds."""
import datetime as dt

from isogov.documents.tests.factories import DocumentFactory, LegalDocumentFactory


def make_document(agency, actor, **fields):
    return DocumentFactory(agency=agency, actor=actor, **fields)


def make_legal(agency, actor, *, effective_on=dt.date(2026, 1, 1), **fields):
    return LegalDocumentFactory(agency=agency, actor=actor, legal_effective_on=effective_on, **fields)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]
