"""Writes to plans and their objectives. Activities are in services_activity, money in services_budget.

An approved plan is frozen: its decision, period, objectives, activities and estimates stay as
approved; only the activities' progress and the budget's execution (allocated, committed,
disbursed) move on.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, plain, snapshot, uploaded
from isogov.core.files import validate_pdf
from isogov.programme.models import Objective, Plan, PlanStatus
from isogov.registry.models import Agency, Tier

PLAN_FIELDS = ("title", "start_year", "end_year", "lead_unit", "summary", "decision_number", "decision_date", "signer")
OBJECTIVE_FIELDS = ("number", "title", "metric", "tier", "mandatory_only", "target_percent", "note")


def require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("This plan is approved and frozen: only the activities' progress and the "
                                "budget's execution can change."))


def refusals(obj, **options) -> dict[str, list[str]]:
    """The model's refusals of `obj` (its full_clean with `options`), as {field: [messages]}."""
    try:
        obj.full_clean(**options)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def refuse(obj, errors: dict[str, list[str]] | None = None, **options) -> None:
    """Raise the model's refusals of `obj` together with the service's own `errors`, so all are shown at once."""
    errors = {field: list(messages) for field, messages in (errors or {}).items()}
    for field, messages in refusals(obj, **options).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _decision_errors(decision_file: UploadedFile | None) -> dict[str, list[str]]:
    if decision_file is None:
        return {}
    try:
        validate_pdf(decision_file)
    except ValidationError as exc:
        return {"decision_file": exc.messages}
    return {}


def _store_decision(plan: Plan, decision_file: UploadedFile) -> None:
    plan.decision_file.save(decision_file.name.replace("\\", "/").rsplit("/", 1)[-1], decision_file, save=False)


@transaction.atomic
def plan_create(
    *, actor, title: str, start_year: int, end_year: int, lead_unit: Agency | None = None, summary: str = "",
    decision_number: str = "", decision_date: dt.date | None = None, signer: str = "",
    decision_file: UploadedFile | None = None,
) -> Plan:
    plan = Plan(title=title, start_year=start_year, end_year=end_year, lead_unit=lead_unit, summary=summary,
                decision_number=decision_number, decision_date=decision_date, signer=signer,
                status=PlanStatus.DRAFT)
    refuse(plan, _decision_errors(decision_file))
    if decision_file is not None:
        _store_decision(plan, decision_file)
    # The file reaches storage before the row exists: if anything after fails, take it away again.
    try:
        plan.save()
        audit_record(actor=actor, action=Action.CREATE, obj=plan, agency=plan.lead_unit,
                     changes={**snapshot(plan, PLAN_FIELDS),
                              "decision_file": uploaded(plan.decision_file, decision_file)})
    except Exception:
        if plan.decision_file:
            plan.decision_file.delete(save=False)
        raise
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor, decision_file: UploadedFile | None = None, **fields) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_draft(plan)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update() got unexpected fields {sorted(unknown)}")
    before = snapshot(plan, PLAN_FIELDS)
    old_file = plan.decision_file.name if plan.decision_file else ""
    old_value = plain(plan.decision_file)  # before the upload renames it
    for field, value in fields.items():
        setattr(plan, field, value)
    refuse(plan, _decision_errors(decision_file))
    if decision_file is not None:
        _store_decision(plan, decision_file)
    try:
        changes = diff({**before, "decision_file": old_value},
                       {**snapshot(plan, PLAN_FIELDS), "decision_file": uploaded(plan.decision_file, decision_file)})
        plan.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=plan, agency=plan.lead_unit, changes=changes)
    except Exception:
        if decision_file is not None:
            plan.decision_file.delete(save=False)
        raise
    if decision_file is not None and old_file:
        storage = plan.decision_file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, actor) -> Plan:
    """The People's Committee's decision approves the plan; from then on it is frozen."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_draft(plan)
    problems = []
    if not plan.decision_number or not plan.decision_date:
        problems.append(_("Record the approving decision (number and date) first."))
    if not plan.activities.exists():
        problems.append(_("A plan needs at least one activity."))
    if problems:
        raise ValidationError(problems)
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor if getattr(actor, "pk", None) else None
    plan.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    audit_record(actor=actor, action=Action.TRANSITION, obj=plan, agency=plan.lead_unit,
                 changes={"status": [PlanStatus.DRAFT, PlanStatus.APPROVED]},
                 note=_("Approved by decision %(number)s") % {"number": plan.decision_number})
    return plan


def next_number(siblings) -> int:
    return (siblings.order_by("-number").values_list("number", flat=True).first() or 0) + 1


@transaction.atomic
def objective_create(*, plan: Plan, actor, title: str, target_percent: int = 100, metric: str = "",
                     tier: Tier | None = None, mandatory_only: bool = False, note: str = "",
                     number: int | None = None) -> Objective:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_draft(plan)
    objective = Objective(plan=plan, number=number or None, title=title, metric=metric or "", tier=tier,
                          mandatory_only=bool(mandatory_only), target_percent=target_percent, note=note)
    refuse(objective)
    if not objective.number:
        objective.number = next_number(plan.objectives)
    objective.save()
    audit_record(actor=actor, action=Action.CREATE, obj=objective, agency=plan.lead_unit,
                 changes=snapshot(objective, OBJECTIVE_FIELDS))
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, actor, **fields) -> Objective:
    objective = Objective.objects.select_related("plan__lead_unit").select_for_update().get(pk=objective.pk)
    require_draft(objective.plan)
    before = snapshot(objective, OBJECTIVE_FIELDS)
    for field, value in fields.items():
        if field in OBJECTIVE_FIELDS and not (field == "number" and not value):  # no number: it keeps its own
            setattr(objective, field, value)
    objective.metric = objective.metric or ""
    objective.mandatory_only = bool(objective.mandatory_only)
    refuse(objective)
    objective.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=objective, agency=objective.plan.lead_unit,
                 changes=diff(before, snapshot(objective, OBJECTIVE_FIELDS)))
    return objective


@transaction.atomic
def objective_delete(*, objective: Objective, actor) -> None:
    objective = Objective.objects.select_for_update().select_related("plan__lead_unit").get(pk=objective.pk)
    require_draft(objective.plan)
    audit_record(actor=actor, action=Action.DELETE, obj=objective, agency=objective.plan.lead_unit,
                 changes={"title": objective.title, "target_percent": objective.target_percent})
    objective.delete()
