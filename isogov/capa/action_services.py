"""Writes to the corrective actions of a nonconformity."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.capa import workflow
from isogov.capa.models import CorrectiveAction, Nonconformity, State
from isogov.capa.services import _check_date, _locked, validate
from isogov.core.text import clean_text

ACTION_FIELDS = ("description", "owner_name", "due_date")


def _state_guard(nc: Nonconformity, allowed: tuple, message: str) -> None:
    if nc.state not in allowed:
        raise ValidationError(message % {"state": State(nc.state).label})


def _owner(nc: Nonconformity, owner, owner_name: str, errors: dict) -> tuple:
    owner_name = clean_text(owner_name)
    if owner is not None:
        if not owner.is_active or not access.can_write_agency(owner, nc.agency):
            errors["owner"] = [_("%(name)s does not work for this agency.") % {"name": owner}]
        owner_name = owner_name or (owner.full_name or owner.get_username())
    elif not owner_name:
        errors["owner"] = [_("Name the person who owns the action.")]
    return owner, owner_name[:150]


def _check(action: CorrectiveAction, errors: dict) -> None:
    """The action's own fields (the model), then its due date against the nonconformity's detection."""
    nc = action.nonconformity
    validate(action, errors)
    if "owner" in errors:
        errors.pop("owner_name", None)  # a missing owner is refused once, beside the account picker
    if "due_date" not in errors and action.due_date < nc.detected_on:
        errors["due_date"] = [_("The due date cannot be before the nonconformity was detected (%(date)s).")
                              % {"date": nc.detected_on.strftime("%d/%m/%Y")}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_add(*, nc: Nonconformity, actor, description: str, due_date: dt.date | None, owner=None,
               owner_name: str = "") -> CorrectiveAction:
    nc = _locked(nc)
    _state_guard(nc, workflow.ACTION_EDIT_STATES,
                 _("Actions are planned once the root cause is recorded, and not after the request for "
                   "verification (current state: %(state)s)."))
    errors: dict[str, list[str]] = {}
    owner, owner_name = _owner(nc, owner, owner_name, errors)
    action = CorrectiveAction(nonconformity=nc, description=clean_text(description, multiline=True), owner=owner,
                              owner_name=owner_name, due_date=due_date, cycle=nc.cycle)
    _check(action, errors)
    action.save()
    audit_record(actor=actor, action=Action.CREATE, obj=action, agency=nc.agency,
                 changes={"nonconformity": nc, **snapshot(action, ACTION_FIELDS)})
    return action


@transaction.atomic
def action_update(*, action: CorrectiveAction, actor, description: str, due_date: dt.date | None, owner=None,
                  owner_name: str = "") -> CorrectiveAction:
    """Change an action that is not done yet (a new owner, a later due date)."""
    nc = _locked(action.nonconformity)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    _state_guard(nc, workflow.ACTION_EDIT_STATES,
                 _("The actions can no longer change (current state: %(state)s)."))
    if action.done_on is not None:
        raise ValidationError(_("This action is done; reopen it to change it."))
    errors: dict[str, list[str]] = {}
    owner, owner_name = _owner(nc, owner, owner_name, errors)
    before = snapshot(action, ACTION_FIELDS)
    action.description, action.owner, action.owner_name = clean_text(description, multiline=True), owner, owner_name
    action.due_date, action.cycle, action.nonconformity = due_date, nc.cycle, nc
    _check(action, errors)
    action.save()
    changes = diff(before, snapshot(action, ACTION_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=nc.agency, changes=changes)
    return action


@transaction.atomic
def action_complete(*, action: CorrectiveAction, actor, done_on: dt.date | None, evidence: str) -> CorrectiveAction:
    nc = _locked(action.nonconformity)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    _state_guard(nc, workflow.ACTION_DONE_STATES,
                 _("Actions are marked done once the action plan is adopted (current state: %(state)s)."))
    if action.done_on is not None:
        raise ValidationError(_("This action is already done."))
    action.done_on, action.evidence = done_on, clean_text(evidence, multiline=True)
    action.done_by = actor if getattr(actor, "pk", None) else None
    errors: dict[str, list[str]] = {}
    validate(action, errors)
    _check_date(errors, "done_on", done_on, not_before=nc.detected_on,
                before_label=_("the nonconformity was detected"))
    if not action.evidence:  # done means shown to be done
        errors.setdefault("evidence", [_("Say what shows the action is done (a record, a document, a photo…).")])
    if errors:
        raise ValidationError(errors)
    action.save()
    evidence = action.evidence
    audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=nc.agency,
                 changes={"done_on": [None, done_on], "evidence": ["", evidence]}, note=_("Action done"))
    return action


@transaction.atomic
def action_reopen(*, action: CorrectiveAction, actor, due_date: dt.date | None, note: str) -> CorrectiveAction:
    """After a "not effective" verdict, a done action may be taken up again with a new due date."""
    nc = _locked(action.nonconformity)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    _state_guard(nc, (State.ACTION_PLAN, State.IN_PROGRESS),
                 _("A done action is reopened only while the action plan is being revised (current state: "
                   "%(state)s)."))
    if action.done_on is None:
        raise ValidationError(_("This action is not done, so there is nothing to reopen."))
    errors: dict[str, list[str]] = {}
    note = clean_text(note)
    if not note:
        errors["note"] = [_("Say what changes in the action.")]
    if due_date and due_date < timezone.localdate():
        errors["due_date"] = [_("The new due date cannot be in the past.")]
    before = {"done_on": action.done_on, "evidence": action.evidence, "due_date": action.due_date}
    action.done_on, action.done_by, action.due_date, action.cycle = None, None, due_date, nc.cycle
    action.evidence, action.nonconformity = "", nc
    action.description = f"{action.description}\n{note}"
    _check(action, errors)
    action.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=nc.agency,
                 changes=diff(before, {"done_on": None, "evidence": "", "due_date": due_date}), note=note)
    return action


@transaction.atomic
def action_delete(*, action: CorrectiveAction, actor) -> None:
    """Remove an action written by mistake: only before it is done and while the plan is open."""
    nc = _locked(action.nonconformity)
    _state_guard(nc, (State.ANALYSED, State.ACTION_PLAN),
                 _("Actions are removed only while the plan is drafted (current state: %(state)s)."))
    if action.done_on is not None:
        raise ValidationError(_("A done action is part of the record and cannot be removed."))
    if action.cycle != nc.cycle:
        raise ValidationError(_("This action belongs to an earlier cycle and stays on the record."))
    audit_record(actor=actor, action=Action.DELETE, obj=action, agency=nc.agency,
                 changes=snapshot(action, ACTION_FIELDS))
    action.delete()
