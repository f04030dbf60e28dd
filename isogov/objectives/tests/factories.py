"""Quality objectives made by factory_boy through `objectives.services.objective_create` (validated, one title per
agency and year, audit-logged). The defaults are the objective the tests' hand-counted one-stop export is read
against: on-time returns, at least 98 % a month, in 2025."""
from decimal import Decimal

from factory.django import DjangoModelFactory

from isogov.objectives import services
from isogov.objectives.models import Objective


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    agency = None  # the caller's: an objective belongs to one agency
    actor = None
    year = 2025
    title = "Hồ sơ giải quyết đúng hạn"
    comparator = "ge"
    target = Decimal("98")
    unit = "percent"
    period = "monthly"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.objective_create(**kwargs)
