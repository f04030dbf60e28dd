"""An agency's QMS records made by factory_boy through the qms services (validated, the lifecycle's checks,
audit-logged): administrative procedures, the scope, dated facts and the announcement decision. A procedure is
looked up by its code first, as the shared catalogue holds each code once."""
import datetime as dt

import factory
from factory.django import DjangoModelFactory

from isogov.core.tests.files import pdf
from isogov.qms import services
from isogov.qms.models import Announcement, FactKind, Procedure, QmsFact, ScopeItem


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure

    actor = None
    code = "1.001193"
    name = "Đăng ký khai sinh"
    field = "Hộ tịch"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return Procedure.objects.filter(code=kwargs["code"]).first() or services.procedure_create(**kwargs)


class ScopeItemFactory(DjangoModelFactory):
    class Meta:
        model = ScopeItem

    agency = None  # the caller's: the scope of one agency
    actor = None
    procedure = factory.SubFactory(ProcedureFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.scope_add(**kwargs)


class QmsFactFactory(DjangoModelFactory):
    class Meta:
        model = QmsFact

    agency = None
    actor = None
    kind = FactKind.INTERNAL_AUDIT
    date = dt.date(2020, 3, 2)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.fact_record(**kwargs)


class AnnouncementFactory(DjangoModelFactory):
    """The signed decision of a confirmed agency (the caller's: `agency_announce` refuses any other)."""

    class Meta:
        model = Announcement

    agency = None
    actor = None
    decision_number = "15/QĐ-UBND"
    decision_date = dt.date(2020, 5, 4)
    signed_file = factory.LazyFunction(pdf)
    signer = "Nguyễn Văn Bình"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.agency_announce(**kwargs)
