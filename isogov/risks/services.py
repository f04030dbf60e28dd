"""Writes to an agency's register of risks and opportunities and their treatment actions."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff
from isogov.core.text import clean_text
from isogov.qms.models import Procedure
from isogov.registry.models import Agency
from isogov.risks import scale
from isogov.risks.models import Kind, Risk, RiskAction, Status

RISK_FIELDS = ("kind", "description", "process", "procedure", "likelihood", "impact", "owner", "review_date",
               "residual_likelihood", "residual_impact", "status")


def _snapshot(risk: Risk) -> dict:
    values = {f: getattr(risk, f) for f in RISK_FIELDS}
    values["procedure"] = risk.procedure.code if risk.procedure_id else ""
    return values


def _clean(values: dict, *, agency: Agency) -> dict:
    errors: dict[str, list[str]] = {}
    for name in ("description", "process", "owner"):
        # The description is typed in a text area, so it may hold several lines.
        values[name] = clean_text(values.get(name), multiline=name == "description")
    if values.get("kind") not in Kind.values:
        errors["kind"] = [_("Choose risk or opportunity.")]
    if values.get("status") not in Status.values:
        errors["status"] = [_("Choose open or closed.")]
    if not values["description"]:
        errors["description"] = [_("Describe the risk or opportunity.")]
    if not values["owner"]:
        errors["owner"] = [_("Name who owns it.")]
    if values.get("review_date") is None:
        errors["review_date"] = [_("Set the date of the next review.")]
    top = scale.size()
    for name in ("likelihood", "impact"):
        if values.get(name) is None or not 1 <= values[name] <= top:
            errors[name] = [_("Give a value from 1 to %(top)s.") % {"top": top}]
    residual = (values.get("residual_likelihood"), values.get("residual_impact"))
    if (residual[0] is None) != (residual[1] is None):
        name = "residual_impact" if residual[1] is None else "residual_likelihood"
        errors[name] = [_("Give both residual values, or neither.")]
    for name, value in zip(("residual_likelihood", "residual_impact"), residual):
        if value is not None and not 1 <= value <= top:
            errors[name] = [_("Give a value from 1 to %(top)s.") % {"top": top}]
    procedure = values.get("procedure")
    if procedure is not None and not isinstance(procedure, Procedure):
        errors["procedure"] = [_("Unknown procedure.")]
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def risk_create(*, agency: Agency, actor, kind: str, description: str, likelihood: int, impact: int, owner: str,
                review_date: dt.date, process: str = "", procedure: Procedure | None = None,
                residual_likelihood: int | None = None, residual_impact: int | None = None,
                status: str = Status.OPEN) -> Risk:
    values = _clean(dict(kind=kind, description=description, process=process, procedure=procedure,
                         likelihood=likelihood, impact=impact, owner=owner, review_date=review_date,
                         residual_likelihood=residual_likelihood, residual_impact=residual_impact, status=status),
                    agency=agency)
    risk = Risk.objects.create(agency=agency, created_by=actor, **values)
    audit_record(actor=actor, action=Action.CREATE, obj=risk, agency=agency, changes=_snapshot(risk))
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, actor, **values) -> Risk:
    risk = Risk.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=risk.pk)
    unknown = set(values) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    merged = {**{f: getattr(risk, f) for f in RISK_FIELDS}, **values}
    merged = _clean(merged, agency=risk.agency)
    before = _snapshot(risk)
    for name, value in merged.items():
        setattr(risk, name, value)
    changes = diff(before, _snapshot(risk))
    if changes:
        risk.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=risk, agency=risk.agency, changes=changes)
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk, actor) -> None:
    audit_record_many(actor=actor, entries=[
        Entry(Action.DELETE, a, risk.agency, {"risk": risk, "description": a.description, "due_date": a.due_date})
        for a in risk.actions.all()])
    audit_record(actor=actor, action=Action.DELETE, obj=risk, agency=risk.agency, changes=_snapshot(risk))
    risk.delete()


@transaction.atomic
def action_add(*, risk: Risk, actor, description: str, owner: str, due_date: dt.date) -> RiskAction:
    risk = Risk.objects.select_for_update().select_related("agency").get(pk=risk.pk)
    description, owner = clean_text(description), clean_text(owner)
    errors = {}
    if not description:
        errors["description"] = [_("Say what will be done.")]
    if not owner:
        errors["owner"] = [_("Name who will do it.")]
    if due_date is None:
        errors["due_date"] = [_("The due date is required.")]
    if risk.status == Status.CLOSED:
        errors["__all__"] = [_("This risk is closed: reopen it before adding actions.")]
    if errors:
        raise ValidationError(errors)
    action = RiskAction.objects.create(risk=risk, description=description, owner=owner, due_date=due_date,
                                       created_by=actor)
    audit_record(actor=actor, action=Action.CREATE, obj=action, agency=risk.agency,
                 changes={"risk": risk, "description": description, "owner": owner, "due_date": due_date})
    return action


@transaction.atomic
def action_set_done(*, action: RiskAction, actor, done: bool, done_on: dt.date | None = None) -> RiskAction:
    """Mark an action done (today unless a date is given) or not done again."""
    today = timezone.localdate()
    new = (done_on or today) if done else None
    if new is not None and new > today:
        raise ValidationError({"done_on": [_("The date cannot be in the future.")]})
    if new != action.done_on:
        audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=action.risk.agency,
                     changes=diff({"done_on": action.done_on}, {"done_on": new}))
        action.done_on = new
        action.save(update_fields=["done_on"])
    return action
