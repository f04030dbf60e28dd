"""Internal audits, their areas and findings made by factory_boy through the audits' services (the programme
created with its first audit, the checklist drawn from the clauses, the state machine's checks, audit-logged).
An audit covers the ISO 9001:2015 clauses numbered `numbers`; by default this year's March audit of the one-stop
shop."""
import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from isogov.audits import records, services
from isogov.audits.models import Audit, AuditArea, Finding
from isogov.clauses.models import Clause


def clauses(*numbers):
    return list(Clause.objects.filter(framework__code="iso9001-2015", number__in=numbers))


class AuditFactory(DjangoModelFactory):
    class Meta:
        model = Audit

    class Params:
        numbers = ("7.5.3", "8.5.1", "9.1.2")

    agency = None  # the caller's: an audit belongs to one agency
    actor = None
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    planned_month = 3
    title = "Đánh giá nội bộ đợt 1"
    scope = "Bộ phận một cửa; quy trình hộ tịch"
    clauses = factory.LazyAttribute(lambda o: clauses(*o.numbers) if o.numbers else [])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.audit_plan(**kwargs)


class AuditAreaFactory(DjangoModelFactory):
    class Meta:
        model = AuditArea

    audit = factory.SubFactory(AuditFactory)
    actor = None
    name = "Bộ phận tiếp nhận và trả kết quả"
    owner_name = "Lê Văn Cường"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.area_add(**kwargs)


class FindingFactory(DjangoModelFactory):
    """A finding of an audit in progress (the caller's: an audit is started by `audit_start`)."""

    class Meta:
        model = Finding

    audit = None
    actor = None
    grade = "minor"
    clause = None
    description = factory.Faker("sentence", locale="vi_VN")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return records.finding_add(**kwargs)
