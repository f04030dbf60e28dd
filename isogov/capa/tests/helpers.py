import datetime as dt

from django.utils import timezone

from isogov.accounts import access
from isogov.capa import action_services, services
from isogov.capa.tests.factories import CorrectiveActionFactory, NonconformityFactory, days


def today() -> dt.date:
    return timezone.localdate()


def open_nc(agency, actor, *, detected_on=None, **fields):
    if detected_on:
        fields["detected_on"] = detected_on
    return NonconformityFactory(agency=agency, actor=actor, **fields)


def analysed(agency, actor, **kwargs):
    nc = open_nc(agency, actor, **kwargs)
    return services.nonconformity_analyse(
        nc=nc, actor=actor, whys=[("Vì sao trễ hạn?", "Hồ sơ chuyển giữa các bộ phận bằng giấy")])


def with_action(agency, actor, *, owner=None, owner_name="Lê Văn Tư", due=None, **kwargs):
    nc = analysed(agency, actor, **kwargs)
    action = CorrectiveActionFactory(nc=nc, actor=actor, owner=owner, owner_name=owner_name,
                                     due_date=due or days(10))
    return nc, action


def adopter_for(nc, actor):
    """`actor` if they may adopt the plan; otherwise someone who may (the head above, or the programme lead)."""
    if not access.corrective_plan_adoption_refusal(actor, nc):
        return actor
    return next(u for u in access.users_who_can_write(nc.agency) if not access.corrective_plan_adoption_refusal(u, nc))


def in_progress(agency, actor, *, adopter=None, **kwargs):
    nc, action = with_action(agency, actor, **kwargs)
    services.nonconformity_step(nc=nc, actor=adopter or adopter_for(nc, actor), to_state="action_plan")
    services.nonconformity_step(nc=nc, actor=actor, to_state="in_progress")
    nc.refresh_from_db()
    return nc, action


def awaiting(agency, actor, **kwargs):
    nc, action = in_progress(agency, actor, **kwargs)
    action_services.action_complete(action=action, actor=actor, done_on=days(-1),
                                    evidence="Phiếu kiểm soát trên phần mềm")
    services.nonconformity_step(nc=nc, actor=actor, to_state="awaiting_verification")
    nc.refresh_from_db()
    return nc, action
