"""Documents made by factory_boy through `documents.services.document_create` (the code checked per agency, the
file checked, version 01 drafted, audit-logged). `LegalDocumentFactory` is an external legal text with its number,
issuer and effective date."""
import datetime as dt

from factory.django import DjangoModelFactory

from isogov.documents import services
from isogov.documents.models import Document, DocumentKind


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    agency = None  # the caller's: a document belongs to one agency
    actor = None
    code = "QT-01"
    title = "Quy trình kiểm soát tài liệu"
    kind = DocumentKind.PROCEDURE
    owner_name = "Văn phòng HĐND và UBND"
    file = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.document_create(**kwargs)


class LegalDocumentFactory(DocumentFactory):
    code = "VB-01"
    title = "Nghị định về cơ chế một cửa"
    kind = DocumentKind.EXTERNAL
    issuing_body = "Chính phủ"
    legal_number = "61/2018/NĐ-CP"
    legal_effective_on = dt.date(2026, 1, 1)
    incorporated_on = None
