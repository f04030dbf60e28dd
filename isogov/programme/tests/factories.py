"""A province's ISO programme made by factory_boy through the programme services (numbered, validated,
audit-logged): the plan, its objectives, its activities and their budget lines. `province` gives the plan's
actor (its admin); the records under a plan are made by whoever the caller names."""
import datetime as dt

import factory
from factory.django import DjangoModelFactory

from isogov.programme import services, services_activity, services_budget
from isogov.programme.models import Activity, BudgetCategory, BudgetLine, Metric, Objective, Plan


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    class Params:
        province = None

    actor = factory.LazyAttribute(lambda o: o.province.admin if o.province else None)
    title = "Kế hoạch duy trì ISO 2020"
    start_year = 2020
    end_year = factory.SelfAttribute("start_year")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.plan_create(**kwargs)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    actor = None
    title = factory.Sequence(lambda n: f"Mục tiêu {n}")
    metric = Metric.ANNOUNCED
    target_percent = 100

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.objective_create(**kwargs)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    actor = None
    title = factory.Sequence(lambda n: f"Hoạt động {n}")
    start_date = factory.LazyAttribute(lambda o: dt.date(o.plan.start_year, 1, 1))
    end_date = factory.LazyAttribute(lambda o: dt.date(o.plan.end_year, 12, 31))
    lead_unit = None
    participants = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services_activity.activity_create(**kwargs)


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    activity = factory.SubFactory(ActivityFactory)
    actor = None
    description = factory.Faker("sentence", nb_words=4, locale="vi_VN")
    category = BudgetCategory.OTHER
    estimate = 10_000_000
    allocated = factory.SelfAttribute("estimate")
    committed = 0

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services_budget.budget_line_create(**kwargs)
