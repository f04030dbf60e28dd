"""Inspection plans for tests, made by the factories and approved through the services as the lead does."""
import datetime as dt

from isogov.inspections import selectors, services
from isogov.inspections.tests.factories import InspectionPlanFactory, InspectorProfileFactory


def qualify(user, actor):
    return InspectorProfileFactory(user=user, actor=actor)


def approved_plan(province, *, year: int, onsite, decision_date: dt.date | None = None):
    p = province
    qualify(p.inspector, p.admin)
    plan = InspectionPlanFactory(province=p, year=year, onsite_target=len(onsite))
    services.plan_set_onsite(actor=p.admin, plan=plan, agencies=onsite)
    counts = selectors.onsite_counts(plan)
    return services.plan_approve(actor=p.admin, plan=plan, decision_number=f"1/QĐ-{year}",
                                 decision_date=decision_date or dt.date(year, 3, 1), mandatory=counts["mandatory"],
                                 onsite_mandatory=counts["onsite_mandatory"])
