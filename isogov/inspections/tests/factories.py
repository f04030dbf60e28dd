"""Inspectors' profiles and inspection plans made by factory_boy through the inspections services (validated,
one profile per inspector, audit-logged), as the province's inspection lead makes them. `province` gives the
actor (its admin) and the leader (its inspector, who must be qualified first: `InspectorProfileFactory`)."""
import datetime as dt

import factory
from factory.django import DjangoModelFactory

from isogov.inspections import services
from isogov.inspections.models import InspectionPlan, InspectorProfile


class InspectorProfileFactory(DjangoModelFactory):
    class Meta:
        model = InspectorProfile

    actor = None
    user = None  # the caller's: the inspector the profile is of
    degree = "Kỹ sư"
    state_management_certificate = "QLNN"
    auditor_certificate = "ISO 9001"
    working_since = dt.date(2015, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.profile_set(**kwargs)


class InspectionPlanFactory(DjangoModelFactory):
    class Meta:
        model = InspectionPlan

    class Params:
        province = None

    actor = factory.LazyAttribute(lambda o: o.province.admin if o.province else None)
    year = 2020
    inspecting_unit = "Chi cục TĐC"
    period_start = factory.LazyAttribute(lambda o: dt.date(o.year, 3, 1))
    period_end = factory.LazyAttribute(lambda o: dt.date(o.year, 11, 30))
    onsite_target = 0
    leader = factory.LazyAttribute(lambda o: o.province.inspector if o.province else None)
    team = factory.LazyAttribute(lambda o: [o.leader] if o.leader else [])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.plan_create(**kwargs)
