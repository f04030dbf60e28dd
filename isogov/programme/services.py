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

from isogov.audit.services import Action, audit_record, diff, plain, uploaded
from isogov.core.files import validate_pdf
from isogov.core.text import clean_text
from isogov.programme.models import Metric, Objective, Plan, PlanStatus
from isogov.registry.models import Agency, Tier

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_PERIOD_YEARS = 10
PLAN_FIELDS = ("title", "start_year", "end_year", "lead_unit", "summary", "decision_number", "decision_date", "signer")
OBJECTIVE_FIELDS = ("number", "title", "metric", "tier", "mandatory_only", "target_percent", "note")


def require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("This plan is approved and frozen: only the activities' progress and the "
                                "budget's execution can change."))


def default_lead_unit() -> Agency | None:
    return Agency.objects.filter(is_programme_lead=True).order_by("code").first()


def _clean_plan(values: dict, *, decision_file: UploadedFile | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not values["title"]:
        errors["title"] = [_("The title is required.")]
    start, end = values["start_year"], values["end_year"]
    for field, year in (("start_year", start), ("end_year", end)):
        if year is None:
            errors[field] = [_("The year is required.")]
        elif not FIRST_YEAR <= year <= LAST_YEAR:
            errors[field] = [_("Give a year between %(a)s and %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}]
    if not errors.get("start_year") and not errors.get("end_year"):
        if end < start:
            errors["end_year"] = [_("The last year cannot come before the first year.")]
        elif end - start + 1 > MAX_PERIOD_YEARS:
            errors["end_year"] = [_("A plan covers at most %(n)s years.") % {"n": MAX_PERIOD_YEARS}]
    if values["lead_unit"] is None:
        errors["lead_unit"] = [_("Choose the lead unit (no agency is marked as the programme lead).")]
    if values["decision_date"] and values["decision_date"] > timezone.localdate():
        errors["decision_date"] = [_("The decision date cannot be in the future.")]
    if decision_file is not None:
        try:
            validate_pdf(decision_file)
        except ValidationError as exc:
            errors["decision_file"] = exc.messages
    return errors


def _plan_values(**kw) -> dict:
    return {
        "title": clean_text(kw.get("title")),
        "start_year": kw.get("start_year"),
        "end_year": kw.get("end_year"),
        "lead_unit": kw.get("lead_unit"),
        "summary": clean_text(kw.get("summary"), multiline=True),
        "decision_number": clean_text(kw.get("decision_number")),
        "decision_date": kw.get("decision_date"),
        "signer": clean_text(kw.get("signer")),
    }


def _store_decision(plan: Plan, decision_file: UploadedFile) -> None:
    plan.decision_file.save(decision_file.name.replace("\\", "/").rsplit("/", 1)[-1], decision_file, save=False)


@transaction.atomic
def plan_create(
    *, actor, title: str, start_year: int, end_year: int, lead_unit: Agency | None = None, summary: str = "",
    decision_number: str = "", decision_date: dt.date | None = None, signer: str = "",
    decision_file: UploadedFile | None = None,
) -> Plan:
    values = _plan_values(title=title, start_year=start_year, end_year=end_year,
                          lead_unit=lead_unit or default_lead_unit(), summary=summary,
                          decision_number=decision_number, decision_date=decision_date, signer=signer)
    errors = _clean_plan(values, decision_file=decision_file)
    if errors:
        raise ValidationError(errors)
    plan = Plan(**values, status=PlanStatus.DRAFT)
    if decision_file is not None:
        _store_decision(plan, decision_file)
    # The file reaches storage before the row exists: if anything after fails, take it away again.
    try:
        plan.save()
        audit_record(actor=actor, action=Action.CREATE, obj=plan, agency=plan.lead_unit,
                     changes={**values, "decision_file": uploaded(plan.decision_file, decision_file)})
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
    before = {f: getattr(plan, f) for f in PLAN_FIELDS}
    values = _plan_values(**{**before, **fields})
    values["lead_unit"] = values["lead_unit"] or default_lead_unit()
    errors = _clean_plan(values, decision_file=decision_file)
    if errors:
        raise ValidationError(errors)
    old_file = plan.decision_file.name if plan.decision_file else ""
    old_value = plain(plan.decision_file)  # before the upload renames it
    for field, value in values.items():
        setattr(plan, field, value)
    if decision_file is not None:
        _store_decision(plan, decision_file)
    try:
        changes = diff({**before, "decision_file": old_value},
                       {**values, "decision_file": uploaded(plan.decision_file, decision_file)})
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


def _objective_values(**kw) -> dict:
    return {
        "number": kw.get("number"),
        "title": clean_text(kw.get("title")),
        "metric": kw.get("metric") or "",
        "tier": kw.get("tier"),
        "mandatory_only": bool(kw.get("mandatory_only")),
        "target_percent": kw.get("target_percent"),
        "note": clean_text(kw.get("note")),
    }


def _clean_objective(values: dict) -> dict[str, list[str]]:
    errors = {}
    if not values["title"]:
        errors["title"] = [_("Say what the objective is.")]
    if values["metric"] not in Metric.values:
        errors["metric"] = [_("Unknown measure.")]
    target = values["target_percent"]
    if target is None or not 0 <= target <= 100:
        errors["target_percent"] = [_("The target is a percentage between 0 and 100.")]
    if values["tier"] is not None and not isinstance(values["tier"], Tier):
        errors["tier"] = [_("Unknown tier.")]
    return errors


@transaction.atomic
def objective_create(*, plan: Plan, actor, title: str, target_percent: int = 100, metric: str = "",
                     tier: Tier | None = None, mandatory_only: bool = False, note: str = "",
                     number: int | None = None) -> Objective:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_draft(plan)
    values = _objective_values(number=number, title=title, metric=metric, tier=tier,
                               mandatory_only=mandatory_only, target_percent=target_percent, note=note)
    errors = _clean_objective(values)
    if errors:
        raise ValidationError(errors)
    if not values["number"]:
        values["number"] = (plan.objectives.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    objective = Objective.objects.create(plan=plan, **values)
    audit_record(actor=actor, action=Action.CREATE, obj=objective, agency=plan.lead_unit, changes=values)
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, actor, **fields) -> Objective:
    objective = Objective.objects.select_related("plan__lead_unit").select_for_update().get(pk=objective.pk)
    require_draft(objective.plan)
    before = {f: getattr(objective, f) for f in OBJECTIVE_FIELDS}
    values = _objective_values(**{**before, **fields})
    if not values["number"]:
        values["number"] = before["number"]
    errors = _clean_objective(values)
    if errors:
        raise ValidationError(errors)
    for field, value in values.items():
        setattr(objective, field, value)
    objective.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=objective, agency=objective.plan.lead_unit,
                 changes=diff(before, values))
    return objective


@transaction.atomic
def objective_delete(*, objective: Objective, actor) -> None:
    objective = Objective.objects.select_for_update().select_related("plan__lead_unit").get(pk=objective.pk)
    require_draft(objective.plan)
    audit_record(actor=actor, action=Action.DELETE, obj=objective, agency=objective.plan.lead_unit,
                 changes={"title": objective.title, "target_percent": objective.target_percent})
    objective.delete()
