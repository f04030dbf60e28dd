"""Writes to a plan's activities: what is planned (draft plans only), progress and evidence (always)."""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.programme.files import safe_name, validate_evidence
from isogov.programme.models import Activity, Evidence, Plan
from isogov.programme.services import next_number, refuse, require_draft
from isogov.registry.models import Agency

ACTIVITY_FIELDS = ("number", "title", "lead_unit", "start_date", "end_date", "deliverables", "notes")


def _number_taken(activity: Activity) -> dict[str, list[str]]:
    if activity.number is None:
        return {}
    clash = activity.plan.activities.filter(number=activity.number).exclude(pk=activity.pk)
    if clash.exists():
        return {"number": [_("Activity number %(n)s is already used in this plan.") % {"n": activity.number}]}
    return {}


@transaction.atomic
def activity_create(
    *, plan: Plan, actor, title: str, start_date: dt.date, end_date: dt.date, number: int | None = None,
    lead_unit: Agency | None = None, participants: Iterable[Agency] = (), deliverables: str = "", notes: str = "",
) -> Activity:
    plan = Plan.objects.select_for_update().select_related("lead_unit").get(pk=plan.pk)
    require_draft(plan)
    activity = Activity(plan=plan, number=number or None, title=title, lead_unit=lead_unit, start_date=start_date,
                        end_date=end_date, deliverables=deliverables, notes=notes)
    refuse(activity, _number_taken(activity))
    if not activity.number:
        activity.number = next_number(plan.activities)
    activity.save()
    activity.participants.set(list(participants))
    audit_record(actor=actor, action=Action.CREATE, obj=activity, agency=plan.lead_unit,
                 changes=snapshot(activity, (*ACTIVITY_FIELDS, "participants")))
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor, participants: Iterable[Agency] | None = None, **fields) -> Activity:
    """What the plan says about an activity; only while the plan is a draft."""
    activity = Activity.objects.select_for_update().select_related("plan__lead_unit").get(pk=activity.pk)
    require_draft(activity.plan)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"activity_update() got unexpected fields {sorted(unknown)}")
    tracked = (*ACTIVITY_FIELDS, "participants")
    before = snapshot(activity, tracked)
    for field, value in fields.items():
        if not (field == "number" and not value):  # no number: it keeps its own
            setattr(activity, field, value)
    refuse(activity, _number_taken(activity))
    activity.save()
    if participants is not None:
        activity.participants.set(list(participants))
    audit_record(actor=actor, action=Action.UPDATE, obj=activity, agency=activity.plan.lead_unit,
                 changes=diff(before, snapshot(activity, tracked)))
    return activity


@transaction.atomic
def activity_report_progress(*, activity: Activity, actor, status: str, progress: int, notes: str | None = None
                             ) -> Activity:
    """Progress moves on after approval too: it is what the plan is monitored by."""
    activity = Activity.objects.select_for_update().select_related("plan__lead_unit").get(pk=activity.pk)
    fields = ("status", "progress", "notes")
    before = snapshot(activity, fields)
    activity.status, activity.progress = status, progress
    if notes is not None:
        activity.notes = notes
    refuse(activity)
    activity.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=activity, agency=activity.plan.lead_unit,
                 changes=diff(before, snapshot(activity, fields)), note=_("Progress reported"))
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
                        size=upload.size, note=note, uploaded_by=actor if getattr(actor, "pk", None) else None)
    evidence.full_clean(exclude=["file"])
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
