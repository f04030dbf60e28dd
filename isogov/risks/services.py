"""Writes to an agency's register of risks and opportunities and their treatment actions."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff, snapshot
from isogov.qms.models import Procedure
from isogov.registry.models import Agency
from isogov.risks.models import Risk, RiskAction, Status

RISK_FIELDS = ("kind", "description", "process", "procedure", "likelihood", "impact", "owner", "review_date",
               "residual_likelihood", "residual_impact", "status")
ACTION_FIELDS = ("description", "owner", "due_date")


@transaction.atomic
def risk_create(*, agency: Agency, actor, kind: str, description: str, likelihood: int, impact: int, owner: str,
                review_date: dt.date, process: str = "", procedure: Procedure | None = None,
                residual_likelihood: int | None = None, residual_impact: int | None = None,
                status: str = Status.OPEN) -> Risk:
    risk = Risk(agency=agency, created_by=actor, kind=kind, description=description, process=process,
                procedure=procedure, likelihood=likelihood, impact=impact, owner=owner, review_date=review_date,
                residual_likelihood=residual_likelihood, residual_impact=residual_impact, status=status)
    risk.full_clean()
    risk.save()
    audit_record(actor=actor, action=Action.CREATE, obj=risk, agency=agency, changes=snapshot(risk, RISK_FIELDS))
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, actor, **values) -> Risk:
    risk = Risk.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=risk.pk)
    unknown = set(values) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(risk, RISK_FIELDS)
    for name, value in values.items():
        setattr(risk, name, value)
    risk.full_clean()
    changes = diff(before, snapshot(risk, RISK_FIELDS))
    if changes:
        risk.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=risk, agency=risk.agency, changes=changes)
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk, actor) -> None:
    audit_record_many(actor=actor, entries=[
        Entry(Action.DELETE, a, risk.agency, {"risk": risk, "description": a.description, "due_date": a.due_date})
        for a in risk.actions.all()])
    audit_record(actor=actor, action=Action.DELETE, obj=risk, agency=risk.agency, changes=snapshot(risk, RISK_FIELDS))
    risk.delete()


@transaction.atomic
def action_add(*, risk: Risk, actor, description: str, owner: str, due_date: dt.date) -> RiskAction:
    risk = Risk.objects.select_for_update().select_related("agency").get(pk=risk.pk)
    errors: dict[str, list[str]] = {}
    if risk.status == Status.CLOSED:
        errors["__all__"] = [_("This risk is closed: reopen it before adding actions.")]
    action = RiskAction(risk=risk, description=description, owner=owner, due_date=due_date, created_by=actor)
    try:
        action.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    action.save()
    audit_record(actor=actor, action=Action.CREATE, obj=action, agency=risk.agency,
                 changes={"risk": risk, **snapshot(action, ACTION_FIELDS)})
    return action


@transaction.atomic
def action_set_done(*, action: RiskAction, actor, done: bool, done_on: dt.date | None = None) -> RiskAction:
    """Mark an action done (today unless a date is given) or not done again."""
    before = snapshot(action, ["done_on"])
    action.done_on = (done_on or timezone.localdate()) if done else None
    action.full_clean()
    changes = diff(before, snapshot(action, ["done_on"]))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=action.risk.agency, changes=changes)
        action.save(update_fields=["done_on"])
    return action
