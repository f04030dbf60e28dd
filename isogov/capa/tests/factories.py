"""Nonconformities and their corrective actions made by factory_boy through the capa services (numbered per
agency, validated, the state machine's checks, audit-logged). By default a late one-stop file found 30 days ago,
corrected through the one-stop software within 10 days."""
import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from isogov.capa import action_services, services
from isogov.capa.models import CorrectiveAction, Nonconformity, Source


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


class NonconformityFactory(DjangoModelFactory):
    class Meta:
        model = Nonconformity

    agency = None  # the caller's: a nonconformity belongs to one agency
    actor = None
    source = Source.PROCESS_MONITORING
    description = "Hồ sơ trả kết quả trễ hạn 3 ngày"
    detected_on = factory.LazyFunction(lambda: days(-30))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.nonconformity_open(**kwargs)


class CorrectiveActionFactory(DjangoModelFactory):
    """An action of an analysed nonconformity (the caller's: the root cause comes first)."""

    class Meta:
        model = CorrectiveAction

    nc = None
    actor = None
    description = "Chuyển hồ sơ qua phần mềm một cửa"
    owner = None
    owner_name = "Lê Văn Tư"
    due_date = factory.LazyFunction(lambda: days(10))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return action_services.action_add(**kwargs)
