"""Writes to nonconformities: opening, root cause, steps, verification, cancelling.

`nonconformity_open` is the entry point other modules (internal audits, inspections, citizen
feedback, management reviews) call; the actions themselves are in action_services.py.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.capa import workflow
from isogov.capa.models import MAX_WHYS, Nonconformity, State, Step, Verdict, Verification
from isogov.clauses.models import Clause
from isogov.core.text import clean_text
from isogov.registry.models import Agency


def _locked(nc: Nonconformity) -> Nonconformity:
    return Nonconformity.objects.select_for_update().select_related("agency").get(pk=nc.pk)


def _move(*, nc: Nonconformity, actor, to_state: str, note: str = "") -> Step:
    step = Step.objects.create(nonconformity=nc, from_state=nc.state, to_state=to_state,
                               actor=actor if getattr(actor, "pk", None) else None, at=timezone.now(),
                               note=note[:500])
    audit_record(actor=actor, action=Action.TRANSITION, obj=nc, agency=nc.agency,
                 changes={"state": [nc.state, to_state]}, note=note)
    nc.state = to_state
    return step


NC_FIELDS = ("description", "clause", "correction", "detected_on", "severity")
# Set by code, never typed: who opened it (no one, for a nonconformity opened by the system).
VERIFICATION_FIELDS = ("verdict", "verified_on", "note")


def validate(obj: models.Model, errors: dict, **kwargs) -> None:
    """Add what `obj.full_clean(**kwargs)` refuses to `errors`, but for a field the service already refused."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            if field not in errors:
                errors[field] = messages


def _check_date(errors: dict, field: str, value: dt.date | None, *, required: bool = True,
                not_before: dt.date | None = None, before_label: str = "") -> None:
    """A date of something done: not in the future, nor before what it follows. The model refuses no date
    where the field is required; `required` is for a date the step makes required (an action done)."""
    if field in errors:
        return
    if value is None:
        if required:
            errors[field] = [_("The date is required.")]
    elif value > timezone.localdate():
        errors[field] = [_("The date cannot be in the future.")]
    elif not_before and value < not_before:
        errors[field] = [_("This date cannot be before %(what)s (%(date)s).")
                         % {"what": before_label, "date": not_before.strftime("%d/%m/%Y")}]


def _check_open(nc: Nonconformity) -> None:
    if closed := workflow.closed_problem(nc):
        raise ValidationError(closed)


@transaction.atomic
def nonconformity_open(
    *,
    agency: Agency,
    actor,
    source: str,
    description: str,
    clause: Clause | None = None,
    origin: models.Model | None = None,
    severity: str = "",
    detected_on: dt.date | None = None,
    correction: str = "",
    origin_label: str = "",
) -> Nonconformity:
    """Open a nonconformity in draft. `origin` is the record it came from (an audit finding, a complaint…)."""
    nc = Nonconformity(
        agency=agency, source=source, severity=severity, description=clean_text(description, multiline=True),
        clause=clause, detected_on=detected_on or timezone.localdate(),
        correction=clean_text(correction, multiline=True), origin=origin,
        origin_label=(clean_text(origin_label) or (str(origin) if origin is not None else ""))[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    errors: dict[str, list[str]] = {}
    validate(nc, errors, exclude=["number"])  # numbered below, under the agency's lock
    _check_date(errors, "detected_on", nc.detected_on)
    if origin is not None and getattr(origin, "agency_id", agency.pk) != agency.pk:
        errors["__all__"] = [_("The record this nonconformity comes from belongs to another agency.")]
    if errors:
        raise ValidationError(errors)
    # Numbering is per agency: lock the agency row so two openings at once do not take the same number.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    nc.number = (Nonconformity.objects.filter(agency=agency).aggregate(n=Max("number"))["n"] or 0) + 1
    nc.save()
    Step.objects.create(nonconformity=nc, from_state="", to_state=State.DRAFT, at=timezone.now(),
                        actor=nc.created_by, note=nc.origin_label[:500])
    audit_record(actor=actor, action=Action.CREATE, obj=nc, agency=agency, changes={
        "number": nc.number, "source": nc.source, **snapshot(nc, NC_FIELDS), "origin": nc.origin_label})
    return nc


@transaction.atomic
def nonconformity_update(*, nc: Nonconformity, actor, description: str, clause: Clause | None,
                         correction: str = "", detected_on: dt.date | None = None,
                         severity: str = "") -> Nonconformity:
    """Correct what was written about the nonconformity while it is open."""
    nc = _locked(nc)
    _check_open(nc)
    before = snapshot(nc, NC_FIELDS)
    nc.description, nc.clause = clean_text(description, multiline=True), clause
    nc.correction, nc.detected_on = clean_text(correction, multiline=True), detected_on or nc.detected_on
    nc.severity = severity
    errors: dict[str, list[str]] = {}
    validate(nc, errors)
    _check_date(errors, "detected_on", nc.detected_on)
    if errors:
        raise ValidationError(errors)
    nc.save()
    changes = diff(before, snapshot(nc, NC_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=nc, agency=nc.agency, changes=changes)
    return nc


def clean_whys(whys: list[tuple[str, str]] | list[dict]) -> tuple[list[dict], list[str]]:
    """Keep the filled lines of the five whys, and say what is wrong with the half-filled ones."""
    lines, problems = [], []
    for index, pair in enumerate(whys, start=1):
        why, because = (pair.get("why"), pair.get("because")) if isinstance(pair, dict) else pair
        why, because = clean_text(why), clean_text(because)
        if not why and not because:
            continue
        if not why or not because:
            problems.append(_("Why %(n)s: give both the question and the answer.") % {"n": index})
        lines.append({"why": why, "because": because})
    if len(lines) > MAX_WHYS:
        problems.append(_("At most %(n)s why/because lines.") % {"n": MAX_WHYS})
    return lines, problems


@transaction.atomic
def nonconformity_analyse(*, nc: Nonconformity, actor, whys: list, root_cause: str = "",
                          correction: str | None = None) -> Nonconformity:
    """Record the root cause (five whys, free text or both); a draft becomes "analysed"."""
    nc = _locked(nc)
    if nc.state not in workflow.ROOT_CAUSE_STATES:
        raise ValidationError(_("The root cause can no longer change once the actions have started "
                                "(current state: %(state)s).") % {"state": State(nc.state).label})
    lines, problems = clean_whys(whys)
    root_cause = clean_text(root_cause, multiline=True)
    errors: dict[str, list[str]] = {}
    if problems:
        errors["whys"] = problems
    if not root_cause and not lines:
        errors["root_cause"] = [_("State the root cause: answer at least one “why”, or write it as text.")]
    if errors:
        raise ValidationError(errors)
    before = {"whys": nc.whys, "root_cause": nc.root_cause, "correction": nc.correction}
    nc.whys, nc.root_cause = lines, root_cause
    if correction is not None:
        nc.correction = clean_text(correction, multiline=True)
    nc.full_clean()
    if nc.state == State.DRAFT:
        nc.analysed_on = timezone.localdate()
        _move(nc=nc, actor=actor, to_state=State.ANALYSED, note=_("Root cause recorded"))
    nc.save()
    changes = diff(before, {"whys": lines, "root_cause": root_cause, "correction": nc.correction})
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=nc, agency=nc.agency, changes=changes)
    return nc


@transaction.atomic
def nonconformity_step(*, nc: Nonconformity, actor, to_state: str) -> Nonconformity:
    """The button steps: adopt the plan, start the actions, ask for verification; or a shortcut through them,
    each step checked and recorded as if taken alone."""
    nc = _locked(nc)
    if to_state not in State.values:
        raise ValidationError(_("Unknown state."))
    actions = list(nc.actions.all())
    problems = workflow.path_problems(nc=nc, actor=actor, to_state=to_state, actions=actions)
    if problems:
        raise ValidationError(problems)
    for state in workflow.hops(nc.state, to_state):
        _move(nc=nc, actor=actor, to_state=state)
    nc.save()
    return nc


@transaction.atomic
def nonconformity_verify(*, nc: Nonconformity, actor, verdict: str, note: str,
                         verified_on: dt.date | None = None) -> Verification:
    """Effective closes the nonconformity; not effective sends it back to the action plan for a new cycle."""
    nc = _locked(nc)
    actions = list(nc.actions.all())
    problems = workflow.verify_problems(nc=nc, actor=actor, actions=actions)
    if problems:
        raise ValidationError(problems)
    verification = Verification(
        nonconformity=nc, verified_on=verified_on or timezone.localdate(), verdict=verdict,
        note=clean_text(note, multiline=True), verifier=actor,
        verifier_name=(getattr(actor, "full_name", "") or actor.get_username())[:150], cycle=nc.cycle,
    )
    errors: dict[str, list[str]] = {}
    validate(verification, errors)
    _check_date(errors, "verified_on", verification.verified_on, not_before=max(a.done_on for a in actions),
                before_label=_("the last action done"))
    if errors:
        raise ValidationError(errors)
    verification.save()
    verified_on, note = verification.verified_on, verification.note
    audit_record(actor=actor, action=Action.CREATE, obj=verification, agency=nc.agency,
                 changes={"nonconformity": nc, **snapshot(verification, VERIFICATION_FIELDS)})
    if verdict == Verdict.EFFECTIVE:
        nc.closed_on = verified_on
        _move(nc=nc, actor=actor, to_state=State.CLOSED, note=note)
    else:
        nc.cycle += 1
        _move(nc=nc, actor=actor, to_state=State.ACTION_PLAN,
              note=_("Not effective: %(note)s") % {"note": note})
    nc.save()
    return verification


@transaction.atomic
def nonconformity_cancel(*, nc: Nonconformity, actor, reason: str) -> Nonconformity:
    nc = _locked(nc)
    _check_open(nc)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Say why the nonconformity is cancelled.")]})
    nc.cancel_reason = reason[:500]
    _move(nc=nc, actor=actor, to_state=State.CANCELLED, note=reason)
    nc.save()
    return nc


@transaction.atomic
def nonconformity_set_response_due(*, nc: Nonconformity, actor, due: dt.date | None) -> Nonconformity:
    """The date by which the agency reports its corrective actions to whoever found the nonconformity."""
    if nc.respond_by != due:
        before = nc.respond_by
        nc.respond_by = due
        nc.save(update_fields=["respond_by", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, obj=nc, agency=nc.agency, changes={"respond_by": [before, due]})
    return nc
