"""Writes to a plan's activities: what is planned (draft plans only), progress and evidence (always)."""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff
from isogov.core.text import clean_text
from isogov.programme.files import safe_name, validate_evidence
from isogov.programme.models import Activity, ActivityStatus, Evidence, Plan
from isogov.programme.services import require_draft
from isogov.registry.models import Agency

ACTIVITY_FIELDS = ("number", "title", "lead_unit", "start_date", "end_date", "deliverables", "notes")


def _activity_values(**kw) -> dict:
    return {
        "number": kw.get("number"),
        "title": clean_text(kw.get("title")),
        "lead_unit": kw.get("lead_unit"),
        "start_date": kw.get("start_date"),
        "end_date": kw.get("end_date"),
        "deliverables": clean_text(kw.get("deliverables"), multiline=True),
        "notes": clean_text(kw.get("notes"), multiline=True),
    }


def _clean_activity(plan: Plan, values: dict, *, exclude_pk: int | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not values["title"]:
        errors["title"] = [_("The title is required.")]
    start, end = values["start_date"], values["end_date"]
    if start is None:
        errors["start_date"] = [_("The start date is required.")]
    if end is None:
        errors["end_date"] = [_("The end date is required.")]
    if start and end:
        if end < start:
            errors["end_date"] = [_("The end date cannot be before the start date.")]
        first, last = dt.date(plan.start_year, 1, 1), dt.date(plan.end_year, 12, 31)
        if start < first or end > last:
            errors.setdefault("end_date" if start >= first else "start_date", []).append(
                _("The activity must take place within the plan's period (%(period)s).") % {"period": plan.period})
    number = values["number"]
    if number is not None:
        clash = plan.activities.filter(number=number).exclude(pk=exclude_pk)
        if clash.exists():
            errors["number"] = [_("Activity number %(n)s is already used in this plan.") % {"n": number}]
    return errors


def _participant_codes(agencies: Iterable[Agency]) -> list[str]:
    return sorted(a.code for a in agencies)


@transaction.atomic
def activity_create(
    *, plan: Plan, actor, title: str, start_date: dt.date, end_date: dt.date, number: int | None = None,
    lead_unit: Agency | None = None, participants: Iterable[Agency] = (), deliverables: str = "", notes: str = "",
) -> Activity:
    plan = Plan.objects.select_for_update().select_related("lead_unit").get(pk=plan.pk)
    require_draft(plan)
    values = _activity_values(number=number, title=title, lead_unit=lead_unit, start_date=start_date,
                              end_date=end_date, deliverables=deliverables, notes=notes)
    errors = _clean_activity(plan, values)
    if errors:
        raise ValidationError(errors)
    if not values["number"]:
        values["number"] = (plan.activities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    activity = Activity.objects.create(plan=plan, **values)
    participants = list(participants)
    activity.participants.set(participants)
    audit_record(actor=actor, action=Action.CREATE, obj=activity, agency=plan.lead_unit,
                 changes={**values, "participants": _participant_codes(participants)})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor, participants: Iterable[Agency] | None = None, **fields) -> Activity:
    """What the plan says about an activity; only while the plan is a draft."""
    activity = Activity.objects.select_for_update().select_related("plan__lead_unit").get(pk=activity.pk)
    require_draft(activity.plan)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"activity_update() got unexpected fields {sorted(unknown)}")
    before = {f: getattr(activity, f) for f in ACTIVITY_FIELDS}
    values = _activity_values(**{**before, **fields})
    values["number"] = values["number"] or before["number"]
    errors = _clean_activity(activity.plan, values, exclude_pk=activity.pk)
    if errors:
        raise ValidationError(errors)
    for field, value in values.items():
        setattr(activity, field, value)
    activity.save()
    changes = diff(before, values)
    if participants is not None:
        participants = list(participants)
        old_codes = _participant_codes(activity.participants.all())
        new_codes = _participant_codes(participants)
        if old_codes != new_codes:
            activity.participants.set(participants)
            changes["participants"] = [old_codes, new_codes]
    audit_record(actor=actor, action=Action.UPDATE, obj=activity, agency=activity.plan.lead_unit, changes=changes)
    return activity


@transaction.atomic
def activity_report_progress(*, activity: Activity, actor, status: str, progress: int, notes: str | None = None
                             ) -> Activity:
    """Progress moves on after approval too: it is what the plan is monitored by."""
    activity = Activity.objects.select_for_update().select_related("plan__lead_unit").get(pk=activity.pk)
    errors: dict[str, list[str]] = {}
    if status not in ActivityStatus.values:
        errors["status"] = [_("Unknown status.")]
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = [_("Progress is a percentage between 0 and 100.")]
    elif status == ActivityStatus.NOT_STARTED and progress > 0:
        errors["progress"] = [_("An activity that has not started is at 0%; choose “In progress”.")]
    elif status == ActivityStatus.DONE and progress != 100:
        errors["progress"] = [_("A finished activity is at 100%.")]
    if errors:
        raise ValidationError(errors)
    before = {"status": activity.status, "progress": activity.progress, "notes": activity.notes}
    activity.status, activity.progress = status, progress
    if notes is not None:
        activity.notes = clean_text(notes, multiline=True)
    after = {"status": activity.status, "progress": activity.progress, "notes": activity.notes}
    activity.save(update_fields=["status", "progress", "notes", "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=activity, agency=activity.plan.lead_unit,
                 changes=diff(before, after), note=_("Progress reported"))
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    activity = Activity.objects.select_for_update().select_related("plan__lead_unit").get(pk=activity.pk)
    require_draft(activity.plan)
    audit_record(actor=actor, action=Action.DELETE, obj=activity, agency=activity.plan.lead_unit,
                 changes={"number": activity.number, "title": activity.title})
    files = [e.file for e in activity.evidence.all()]
    activity.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def evidence_add(*, activity: Activity, actor, upload: UploadedFile | None, note: str = "") -> Evidence:
    if upload is None:
        raise ValidationError({"file": [_("Choose a file.")]})
    try:
        kind = validate_evidence(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    evidence = Evidence(activity=activity, original_name=safe_name(upload.name, kind), content_type=kind,
                        size=upload.size, note=clean_text(note), uploaded_by=actor if getattr(actor, "pk", None)
                        else None)
    evidence.file.save(evidence.original_name, upload, save=False)
    # The file reaches storage before the row exists: if anything after fails, take it away again.
    try:
        evidence.save()
        audit_record(actor=actor, action=Action.CREATE, obj=evidence, agency=activity.plan.lead_unit,
                     changes={"activity": activity, "file": evidence.file, "content_type": kind})
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=evidence, agency=evidence.activity.plan.lead_unit,
                 changes={"file": evidence.file})
    stored = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
