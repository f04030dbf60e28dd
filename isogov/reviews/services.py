"""Writes to management reviews: planning, the agenda, holding the meeting, and the actions it decides."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff, snapshot
from isogov.core.db import lock
from isogov.qms.models import FactKind
from isogov.qms.services import fact_record
from isogov.registry.models import Agency
from isogov.reviews import inputs
from isogov.reviews.models import (
    AgendaItem,
    InputKey,
    Review,
    ReviewAction,
    ReviewState,
)

REVIEW_FIELDS = ("date", "chair", "participants")
ACTION_FIELDS = ("kind", "description", "owner", "due_date")


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("agency").get(pk=review.pk)


def _check_planned(review: Review) -> None:
    if review.state != ReviewState.PLANNED:
        raise ValidationError(_("This review has been held: its minutes can no longer change."))


@transaction.atomic
def review_plan(*, agency: Agency, actor, date: dt.date, chair: str = "", participants: str = "") -> Review:
    review = Review(agency=agency, date=date, chair=chair, participants=participants, created_by=actor)
    review.full_clean()
    lock(agency)  # one planned review at a time
    planned = Review.objects.filter(agency=agency, state=ReviewState.PLANNED).first()
    if planned is not None:
        raise ValidationError({"date": [_("A review is already planned for %(date)s: hold it or delete it first.")
                                        % {"date": planned.date.strftime("%d/%m/%Y")}]})
    review.save()
    AgendaItem.objects.bulk_create([AgendaItem(review=review, key=key, position=i)
                                    for i, key in enumerate(InputKey.values, start=1)])
    audit_record(actor=actor, action=Action.CREATE, obj=review, agency=agency,
                 changes=snapshot(review, REVIEW_FIELDS))
    return review


@transaction.atomic
def review_update(*, review: Review, actor, date: dt.date, chair: str = "", participants: str = "") -> Review:
    review = _locked(review)
    _check_planned(review)
    before = snapshot(review, REVIEW_FIELDS)
    review.date, review.chair, review.participants = date, chair, participants
    review.full_clean()
    changes = diff(before, snapshot(review, REVIEW_FIELDS))
    if changes:
        review.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=review, agency=review.agency, changes=changes)
    return review


@transaction.atomic
def review_delete(*, review: Review, actor) -> None:
    review = _locked(review)
    if review.state != ReviewState.PLANNED:
        raise ValidationError(_("A review that has been held cannot be deleted: it is a record of the QMS."))
    audit_record_many(actor=actor, entries=[
        Entry(Action.DELETE, a, review.agency, {"review": review, "description": a.description})
        for a in review.actions.all()])
    audit_record(actor=actor, action=Action.DELETE, obj=review, agency=review.agency,
                 changes={"date": review.date, "chair": review.chair})
    review.delete()


@transaction.atomic
def agenda_note(*, item: AgendaItem, actor, notes: str) -> AgendaItem:
    review = _locked(item.review)
    _check_planned(review)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    before = item.notes
    item.notes = notes
    item.full_clean()
    if item.notes != before:
        audit_record(actor=actor, action=Action.UPDATE, obj=review, agency=review.agency,
                     changes={f"agenda.{item.key}": [before, item.notes]})
        item.save(update_fields=["notes", "updated_at"])
    return item


def hold_problems(review: Review, *, today: dt.date) -> list[str]:
    """What still stops the review being recorded as held; empty when it may be."""
    if review.state != ReviewState.PLANNED:
        return [_("This review has already been held.")]
    problems = []
    if review.date > today:
        problems.append(_("The meeting is planned for %(date)s: it can be recorded as held from that day.")
                        % {"date": review.date.strftime("%d/%m/%Y")})
    if not review.chair:
        problems.append(_("Name who chaired the meeting."))
    if not review.participant_list:
        problems.append(_("List the participants."))
    empty = [str(item.get_key_display()) for item in review.agenda.all() if not item.notes.strip()]
    if empty:
        problems.append(_("Record what was said on every input; still empty: %(items)s.") % {"items": "; ".join(empty)})
    return problems


@transaction.atomic
def review_hold(*, review: Review, actor) -> Review:
    """Freeze the collected inputs into the minutes, mark the review held, and record the dated fact the
    lifecycle and the compliance card read."""
    review = _locked(review)
    today = timezone.localdate()
    problems = hold_problems(review, today=today)
    if problems:
        raise ValidationError(problems)
    since = inputs.previous_review_date(review)
    collected = inputs.collect(review, today=today, since=since)
    items = list(review.agenda.all())
    for item in items:
        item.collected = {"lines": collected.get(item.key, [])}
    AgendaItem.objects.bulk_update(items, ["collected"])
    fact = fact_record(agency=review.agency, actor=actor, kind=FactKind.MANAGEMENT_REVIEW, date=review.date,
                       note=_("Management review chaired by %(chair)s") % {"chair": review.chair})
    review.state, review.inputs_since, review.held_at, review.fact = ReviewState.HELD, since, timezone.now(), fact
    review.save()
    audit_record(actor=actor, action=Action.TRANSITION, obj=review, agency=review.agency,
                 changes={"state": [ReviewState.PLANNED, ReviewState.HELD], "inputs_since": since})
    return review


@transaction.atomic
def action_add(*, review: Review, actor, kind: str, description: str, owner: str, due_date: dt.date) -> ReviewAction:
    action = ReviewAction(review=review, kind=kind, description=description, owner=owner, due_date=due_date,
                          created_by=actor)
    action.full_clean()
    action.save()
    audit_record(actor=actor, action=Action.CREATE, obj=action, agency=review.agency,
                 changes={"review": review, **snapshot(action, ACTION_FIELDS)})
    return action


@transaction.atomic
def action_set_done(*, action: ReviewAction, actor, done: bool, done_on: dt.date | None = None) -> ReviewAction:
    today = timezone.localdate()
    new = (done_on or today) if done else None
    if new is not None and new > today:
        raise ValidationError({"done_on": [_("The date cannot be in the future.")]})
    if new != action.done_on:
        audit_record(actor=actor, action=Action.UPDATE, obj=action, agency=action.review.agency,
                     changes=diff({"done_on": action.done_on}, {"done_on": new}))
        action.done_on = new
        action.save(update_fields=["done_on"])
    return action
