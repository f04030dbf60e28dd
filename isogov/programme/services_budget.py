"""Writes to the budget: lines per activity (planned while the plan is a draft) and their execution.

Execution moves on after approval: the allocated and committed amounts of a line, and the
disbursements recorded against it. A line's disbursed amount is the sum of its disbursements,
never stored, and it may never exceed what was allocated. A mistaken disbursement is corrected by a
reversing entry (budget_reverse), never edited or deleted.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.text import clean_text
from isogov.programme.models import DEFAULT_FUNDING_SOURCE, Activity, BudgetCategory, BudgetLine, Disbursement
from isogov.programme.money import MAX_DONG, format_dong
from isogov.programme.services import refusals, refuse, require_draft

PLANNED_FIELDS = ("description", "category", "funding_source", "estimate")
EXECUTION_FIELDS = ("allocated", "committed", "note")
LINE_FIELDS = PLANNED_FIELDS + EXECUTION_FIELDS


def disbursed_total(line: BudgetLine) -> int:
    return line.disbursements.aggregate(s=Sum("amount"))["s"] or 0


def _clean_amount(errors: dict, field: str, value) -> None:
    """An amount given to a service that is not stored as given (a reversal's, stored negative)."""
    if value is None:
        errors[field] = [_("Enter an amount in đồng.")]
    elif not isinstance(value, int) or isinstance(value, bool):
        errors[field] = [_("Amounts are whole đồng, without decimals: write 15.000.000 or 15000000.")]
    elif value < 0:
        errors[field] = [_("The amount cannot be negative.")]
    elif value > MAX_DONG:
        errors[field] = [_("This amount is too large.")]


def _under_disbursed(line: BudgetLine) -> dict[str, list[str]]:
    """An allocation is never lowered below what was already paid out of the line."""
    disbursed = disbursed_total(line) if line.pk else 0
    if isinstance(line.allocated, int) and line.allocated < disbursed:
        return {"allocated": [_("%(d)s đ has already been disbursed from this line; the allocation cannot be lower.")
                              % {"d": format_dong(disbursed)}]}
    return {}


@transaction.atomic
def budget_line_create(
    *, activity: Activity, actor, description: str, estimate: int, category: str = BudgetCategory.OTHER,
    funding_source: str = DEFAULT_FUNDING_SOURCE, allocated: int = 0, committed: int = 0, note: str = "",
) -> BudgetLine:
    activity = Activity.objects.select_related("plan__lead_unit").get(pk=activity.pk)
    require_draft(activity.plan)
    line = BudgetLine(activity=activity, description=description, category=category or BudgetCategory.OTHER,
                      funding_source=clean_text(funding_source) or DEFAULT_FUNDING_SOURCE, estimate=estimate,
                      allocated=allocated, committed=committed, note=note)
    refuse(line)
    line.save()
    audit_record(actor=actor, action=Action.CREATE, obj=line, agency=activity.plan.lead_unit,
                 changes={**snapshot(line, LINE_FIELDS), "activity": activity})
    return line


@transaction.atomic
def budget_line_update(*, line: BudgetLine, actor, **fields) -> BudgetLine:
    """Before approval everything may change; after it only the execution (allocated, committed, note)."""
    line = BudgetLine.objects.select_for_update().select_related("activity__plan__lead_unit").get(pk=line.pk)
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise TypeError(f"budget_line_update() got unexpected fields {sorted(unknown)}")
    before = snapshot(line, LINE_FIELDS)
    for field, value in fields.items():
        setattr(line, field, value)
    line.category = line.category or BudgetCategory.OTHER
    line.funding_source = clean_text(line.funding_source) or DEFAULT_FUNDING_SOURCE
    refuse(line, _under_disbursed(line))
    plan = line.activity.plan
    after = snapshot(line, LINE_FIELDS)
    if plan.is_approved:
        frozen = [f for f in PLANNED_FIELDS if after[f] != before[f]]
        if frozen:
            raise ValidationError({f: [_("Frozen since the plan was approved.")] for f in frozen})
    line.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=line, agency=plan.lead_unit, changes=diff(before, after))
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, actor) -> None:
    line = BudgetLine.objects.select_for_update().select_related("activity__plan__lead_unit").get(pk=line.pk)
    require_draft(line.activity.plan)
    if line.disbursements.exists():
        raise ValidationError(_("Money has been disbursed from this line; it cannot be deleted."))
    audit_record(actor=actor, action=Action.DELETE, obj=line, agency=line.activity.plan.lead_unit,
                 changes={"description": line.description, "estimate": line.estimate})
    line.delete()


@transaction.atomic
def budget_disburse(*, line: BudgetLine, actor, amount: int, date: dt.date, note: str = "") -> Disbursement:
    """Record money paid out from a line of an approved plan; never more in total than was allocated."""
    # The lock makes two clerks disbursing at once see each other's amounts.
    line = BudgetLine.objects.select_for_update().select_related("activity__plan__lead_unit").get(pk=line.pk)
    plan = line.activity.plan
    errors: dict[str, list[str]] = {}
    if not plan.is_approved:
        errors["__all__"] = [_("Money is disbursed against an approved plan; approve the plan first.")]
    entry = Disbursement(line=line, amount=amount, date=date, note=note,
                         recorded_by=actor if getattr(actor, "pk", None) else None)
    # Whole đồng, a date not ahead, the note's length; the sign's constraint is answered below, in words.
    for field, messages in refusals(entry, validate_constraints=False).items():
        errors.setdefault(field, []).extend(messages)
    if "amount" not in errors and entry.amount <= 0:
        errors["amount"] = [_("The amount cannot be negative.") if entry.amount < 0
                            else _("The amount must be more than 0 đ.")]
    if not errors:
        already = disbursed_total(line)
        if already + entry.amount > line.allocated:
            errors["amount"] = [
                _("Refused: %(amount)s đ more would bring the disbursed total to %(total)s đ, over the "
                  "%(allocated)s đ allocated to this line (%(left)s đ left).")
                % {"amount": format_dong(entry.amount), "total": format_dong(already + entry.amount),
                   "allocated": format_dong(line.allocated), "left": format_dong(max(line.allocated - already, 0))}
            ]
    if errors:
        raise ValidationError(errors)
    entry.save()
    audit_record(actor=actor, action=Action.CREATE, obj=entry, agency=plan.lead_unit,
                 changes={"line": line, **snapshot(entry, ("amount", "date", "note"))})
    return entry


def reversible_amount(entry: Disbursement) -> int:
    """What is left to reverse of a disbursement: its amount less the reversals already recorded against it."""
    return entry.amount + (entry.reversals.aggregate(s=Sum("amount"))["s"] or 0)


@transaction.atomic
def budget_reverse(*, disbursement: Disbursement, actor, reason: str, amount: int | None = None,
                   date: dt.date | None = None) -> Disbursement:
    """Correct a disbursement recorded by mistake with a reversing entry (a negative amount) and its reason.

    Nothing is edited or deleted. By default the whole of what is left of the entry is reversed; a partial
    reversal corrects an amount typed too high. The line's disbursed total never goes below zero.
    """
    entry = Disbursement.objects.select_related("line").get(pk=disbursement.pk)
    # Locked like budget_disburse: a reversal and a new payment on the same line see each other.
    line = BudgetLine.objects.select_for_update().select_related("activity__plan__lead_unit").get(pk=entry.line_id)
    reason = clean_text(reason)
    date = date or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if entry.is_reversal:
        errors["__all__"] = [_("This entry is itself a reversal; record a new disbursement instead.")]
    if not reason:
        errors["reason"] = [_("Say why the disbursement is reversed.")]
    left = reversible_amount(entry)
    if amount is None:
        amount = left
    else:
        _clean_amount(errors, "amount", amount)
    if "amount" not in errors and not entry.is_reversal:
        already = disbursed_total(line)
        if amount <= 0:
            errors["amount"] = [_("Nothing is left to reverse of this disbursement.") if left <= 0
                                else _("The amount must be more than 0 đ.")]
        elif amount > left or already - amount < 0:
            errors["amount"] = [
                _("Refused: only %(left)s đ of this disbursement of %(amount)s đ is left to reverse; reversing "
                  "%(asked)s đ would bring the line's disbursed total to %(total)s đ.")
                % {"left": format_dong(left), "amount": format_dong(entry.amount), "asked": format_dong(amount),
                   "total": format_dong(already - amount)}]
    reversal = Disbursement(line=line, amount=-amount if "amount" not in errors else 0, date=date, note=reason,
                            reverses=entry, recorded_by=actor if getattr(actor, "pk", None) else None)
    # The date (not ahead, not before the entry reversed) and the reason's length, which the entry keeps as its note.
    for field, messages in refusals(reversal, exclude=["amount"], validate_constraints=False).items():
        errors.setdefault("reason" if field == "note" else field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    reversal.save()
    audit_record(actor=actor, action=Action.CREATE, obj=reversal, agency=line.activity.plan.lead_unit,
                 changes={"line": line, "amount": -amount, "date": date, "reverses": entry, "reason": reason},
                 note=_("Reversal of the disbursement of %(amount)s đ on %(date)s")
                 % {"amount": format_dong(entry.amount), "date": entry.date.strftime("%d/%m/%Y")})
    return reversal
