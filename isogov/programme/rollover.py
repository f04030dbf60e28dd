"""Drafting the next plan from the current one ("Draft the next plan").

What is carried: every objective (targets copied), and every activity that is not done or
cancelled, renumbered, with its participants, restarted at 0% in the new plan's first year. Each
budget line of a carried activity is proposed again with estimate = what was disbursed from it,
or what was allocated when nothing was disbursed; the line's note says which. The old plan is
not touched; the new one is a draft, editable until approved.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.programme.models import FINISHED_STATUSES, Activity, ActivityStatus, BudgetLine, Objective, Plan
from isogov.programme.money import format_dong
from isogov.programme.services import plan_create


def _same_day_in(year: int, day: dt.date) -> dt.date:
    return dt.date(year, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)


def proposed_estimate(line: BudgetLine, disbursed: int, plan: Plan) -> tuple[int, str]:
    if disbursed:
        return disbursed, _("Proposed from plan %(plan)s (%(period)s): disbursed %(amount)s đ.") % {
            "plan": plan.decision_number or plan.title, "period": plan.period, "amount": format_dong(disbursed)}
    return line.allocated, _("Proposed from plan %(plan)s (%(period)s): allocated %(amount)s đ, nothing disbursed.") % {
        "plan": plan.decision_number or plan.title, "period": plan.period, "amount": format_dong(line.allocated)}


@transaction.atomic
def plan_draft_next(*, plan: Plan, actor, start_year: int, end_year: int, title: str = "") -> Plan:
    if start_year is not None and start_year <= plan.end_year:
        raise ValidationError({"start_year": [
            _("The next plan starts after this one ends (%(year)s).") % {"year": plan.end_year}]})
    new = plan_create(
        actor=actor, title=title or _("Plan %(period)s (drafted from %(plan)s)") % {
            "period": str(start_year) if start_year == end_year else f"{start_year}–{end_year}", "plan": plan.title},
        start_year=start_year, end_year=end_year, lead_unit=plan.lead_unit, summary=plan.summary,
    )
    new.previous = plan
    new.save(update_fields=["previous"])
    entries: list[Entry] = []

    objectives = [
        Objective(plan=new, number=o.number, title=o.title, metric=o.metric, tier=o.tier,
                  mandatory_only=o.mandatory_only, target_percent=o.target_percent, note=o.note)
        for o in plan.objectives.order_by("number", "id")
    ]
    Objective.objects.bulk_create(objectives)
    entries += [Entry(Action.CREATE, o, new.lead_unit, {"title": o.title, "target_percent": o.target_percent},
                      _("Carried from the previous plan")) for o in objectives]

    carried = list(plan.activities.exclude(status__in=FINISHED_STATUSES).order_by("number", "id")
                   .prefetch_related("participants"))
    first = dt.date(start_year, 1, 1)
    copies = []
    for number, old in enumerate(carried, start=1):
        note = _("Carried over from activity (%(n)s) of the previous plan, at %(p)s%% on %(date)s.") % {
            "n": old.number, "p": old.progress, "date": old.updated_at.strftime("%d/%m/%Y")}
        copies.append(Activity(
            plan=new, number=number, title=old.title, lead_unit=old.lead_unit, start_date=first,
            end_date=max(first, _same_day_in(start_year, old.end_date)), deliverables=old.deliverables,
            status=ActivityStatus.NOT_STARTED, progress=0, notes=note, carried_from=old,
        ))
    Activity.objects.bulk_create(copies)
    links = [Activity.participants.through(activity_id=new_a.pk, agency_id=agency.pk)
             for old, new_a in zip(carried, copies) for agency in old.participants.all()]
    Activity.participants.through.objects.bulk_create(links, batch_size=1000)
    entries += [Entry(Action.CREATE, a, new.lead_unit, {"title": a.title, "carried_from": a.carried_from},
                      a.notes) for a in copies]

    copy_of = {old.pk: new_a for old, new_a in zip(carried, copies)}
    old_lines = list(BudgetLine.objects.filter(activity__in=carried).annotate(paid=Sum("disbursements__amount"))
                     .order_by("activity__number", "id"))
    lines = []
    for old in old_lines:
        estimate, note = proposed_estimate(old, old.paid or 0, plan)
        lines.append(BudgetLine(activity=copy_of[old.activity_id], description=old.description,
                                category=old.category, funding_source=old.funding_source, estimate=estimate,
                                allocated=0, committed=0, note=note, carried_from=old))
    BudgetLine.objects.bulk_create(lines)
    entries += [Entry(Action.CREATE, line, new.lead_unit, {"estimate": line.estimate, "activity": line.activity},
                      line.note) for line in lines]
    audit_record_many(actor=actor, entries=entries)
    return new
