"""Inspection plans for tests, made through the services as the lead makes them."""
import datetime as dt

from isogov.inspections import selectors, services


def qualify(user, actor):
    return services.profile_set(actor=actor, user=user, degree="Kỹ sư", state_management_certificate="QLNN",
                                auditor_certificate="ISO 9001", working_since=dt.date(2015, 1, 1))


def approved_plan(province, *, year: int, onsite, decision_date: dt.date | None = None):
    p = province
    qualify(p.inspector, p.admin)
    plan = services.plan_create(actor=p.admin, year=year, inspecting_unit="Chi cục TĐC",
                                period_start=dt.date(year, 3, 1), period_end=dt.date(year, 11, 30),
                                onsite_target=len(onsite), leader=p.inspector, team=[p.inspector])
    services.plan_set_onsite(actor=p.admin, plan=plan, agencies=onsite)
    counts = selectors.onsite_counts(plan)
    return services.plan_approve(actor=p.admin, plan=plan, decision_number=f"1/QĐ-{year}",
                                 decision_date=decision_date or dt.date(year, 3, 1), mandatory=counts["mandatory"],
                                 onsite_mandatory=counts["onsite_mandatory"])
