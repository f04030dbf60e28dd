"""Writes to inspection plans, inspections, findings and records checks. Who may call them is the access
module's business (accounts.access: access_inspection_plan, access_inspection, access_inspection_finding)."""
import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot, uploaded
from isogov.capa.models import Severity, Source
from isogov.capa.services import nonconformity_open, nonconformity_set_response_due
from isogov.core.db import lock, unique_errors
from isogov.core.files import PDF, safe_name, validate_office_or_image, validate_pdf
from isogov.inspections import checklist, rules
from isogov.inspections.models import (
    Answer,
    EvidenceFile,
    Finding,
    Grade,
    Inspection,
    InspectionPlan,
    InspectorProfile,
    PlanStatus,
    RecordsCheck,
    Result,
)
from isogov.registry.models import Agency

PLAN_FIELDS = ("year", "inspecting_unit", "period_start", "period_end", "form", "budget", "budget_line",
               "onsite_target", "leader", "team", "note")
INSPECTION_FIELDS = ("decision_number", "decision_date", "scheduled_on", "leader", "team", "conclusions",
                     "recommendations")
YEAR_TAKEN = InspectionPlan._meta.get_field("year").error_messages["unique"]
PROFILE_FIELDS = ("degree", "state_management_certificate", "auditor_certificate", "working_since")


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _refuse_if_approved(plan: InspectionPlan) -> None:
    if problem := rules.closed_problem(plan):
        raise ValidationError(problem)


# Plans

@transaction.atomic
def plan_create(*, actor, year: int, inspecting_unit: str, period_start: dt.date | None, period_end: dt.date | None,
                onsite_target: int, form: str = "", budget: int = 0, budget_line=None, leader=None,
                team: Iterable = (), note: str = "") -> InspectionPlan:
    plan = InspectionPlan(year=year, inspecting_unit=inspecting_unit, period_start=period_start,
                          period_end=period_end, onsite_target=onsite_target, budget=budget, budget_line=budget_line,
                          leader=leader, note=note, created_by=_actor(actor))
    if form:
        plan.form = form
    plan.full_clean()
    with unique_errors(InspectionPlan, {"year": ("year", YEAR_TAKEN)}):
        plan.save()
    plan.team.set(list(team))
    audit_record(actor=actor, action=Action.CREATE, obj=plan, changes=snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def plan_update(*, actor, plan: InspectionPlan, **values) -> InspectionPlan:
    _refuse_if_approved(plan)
    unknown = set(values) - set(PLAN_FIELDS) - {"year"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(plan, PLAN_FIELDS)
    team = values.pop("team", None)
    values.pop("year", None)  # a plan is the year's: its year never changes
    for key, value in values.items():
        setattr(plan, key, value)
    plan.full_clean()
    plan.save()
    if team is not None:
        plan.team.set(list(team))
    changes = diff(before, snapshot(plan, PLAN_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=plan, changes=changes)
    return plan


@transaction.atomic
def plan_set_onsite(*, actor, plan: InspectionPlan, agencies: Iterable[Agency], note: str = "") -> InspectionPlan:
    """The agencies chosen for on-site inspection: the proposal as accepted, or as the lead changed it."""
    _refuse_if_approved(plan)
    before = snapshot(plan, ["onsite"])
    plan.onsite.set(list(agencies))
    changes = diff(before, snapshot(plan, ["onsite"]))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=plan, changes=changes, note=note)
    return plan


@transaction.atomic
def plan_approve(*, actor, plan: InspectionPlan, decision_number: str, decision_date: dt.date | None,
                 mandatory: int, onsite_mandatory: int) -> InspectionPlan:
    """Approve the plan (the province's decision) and open an inspection for each agency chosen on site.
    `mandatory`, `onsite_mandatory`: the counts the law's one third is checked on (selectors.onsite_counts)."""
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    plan.decision_number, plan.decision_date = decision_number, decision_date
    refusal = rules.refusal(plan, PlanStatus.APPROVED, actor, decision_number=plan.decision_number,
                            decision_date=decision_date, mandatory=mandatory, onsite_mandatory=onsite_mandatory)
    if refusal:
        raise ValidationError(refusal)
    plan.full_clean()
    plan.status = PlanStatus.APPROVED
    plan.save()
    agencies = list(plan.onsite.order_by("path"))
    Inspection.objects.bulk_create([Inspection(plan=plan, agency=a, leader=plan.leader, created_by=_actor(actor))
                                    for a in agencies])
    team = list(plan.team.all())
    for inspection in Inspection.objects.filter(plan=plan):
        inspection.team.set(team)
    audit_record(actor=actor, action=Action.TRANSITION, obj=plan, changes={
        "status": [PlanStatus.DRAFT, PlanStatus.APPROVED], "decision_number": plan.decision_number,
        "decision_date": decision_date, "onsite": sorted(a.code for a in agencies)})
    return plan


# Inspections

@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, **values) -> Inspection:
    unknown = set(values) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(inspection, INSPECTION_FIELDS)
    team = values.pop("team", None)
    for key, value in values.items():
        setattr(inspection, key, value)
    inspection.full_clean()
    if "leader" in values and (problem := rules.leader_problem(inspection.leader)):
        raise ValidationError({"leader": [problem]})
    inspection.save()
    if team is not None:
        inspection.team.set(list(team))
    changes = diff(before, snapshot(inspection, INSPECTION_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=inspection, agency=inspection.agency, changes=changes)
    return inspection


@transaction.atomic
def answers_set(*, actor, inspection: Inspection, answers: dict[str, tuple[str, str]]) -> int:
    """Each checklist point's result and evidence ({point code: (result, evidence)}); returns the points changed."""
    lock(inspection)  # two saves of the checklist at once write its points one after the other
    known = {p.code for p in checklist.points()}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(_("Unknown checklist point(s): %(points)s.") % {"points": ", ".join(unknown)})
    existing = {a.point: a for a in inspection.answers.all()}
    changed = {}
    for code, (result, evidence) in answers.items():
        if not result:
            continue
        answer = existing.get(code) or Answer(inspection=inspection, point=code)
        before = (answer.result, answer.evidence)
        answer.result, answer.evidence = result, evidence
        try:
            answer.full_clean(exclude=["inspection"], validate_constraints=False)
        except ValidationError as exc:
            raise ValidationError({f"result_{code}": exc.messages}) from exc
        if (answer.result, answer.evidence) != before or answer.pk is None:
            answer.save()
            changed[code] = [before[0], answer.result]
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, obj=inspection, agency=inspection.agency,
                     changes={"checklist": changed})
    return len(changed)


@transaction.atomic
def finding_add(*, actor, inspection: Inspection, point: str, grade: str, description: str) -> Finding:
    """Record a finding. A nonconformity opens at once in the agency's own corrective action register, due for
    report within the law's two months of the record (from the record's date once it is dated)."""
    finding = Finding(inspection=inspection, point=point, grade=grade, description=description)
    finding.full_clean()
    if checklist.point(point) is None:
        raise ValidationError({"point": [_("Unknown checklist point.")]})
    finding.save()
    if grade != Grade.OBSERVATION:
        severity = Severity.MAJOR if grade == Grade.MAJOR else Severity.MINOR
        finding.nonconformity = nonconformity_open(
            agency=inspection.agency, actor=actor, source=Source.INSPECTION, description=finding.description,
            origin=finding, severity=severity, detected_on=inspection.scheduled_on or timezone.localdate(),
            origin_label=_("Inspection %(year)s, point %(point)s") % {"year": inspection.plan.year, "point": point})
        nonconformity_set_response_due(nc=finding.nonconformity, actor=actor,
                                       due=rules.report_due(inspection.record_date or timezone.localdate()))
        finding.save(update_fields=["nonconformity"])
    audit_record(actor=actor, action=Action.CREATE, obj=finding, agency=inspection.agency,
                 changes={"inspection": inspection, "point": point, "grade": grade,
                          "description": finding.description, "nonconformity": finding.nonconformity})
    return finding


@transaction.atomic
def inspection_record(*, actor, inspection: Inspection, record_date: dt.date | None) -> Inspection:
    """Date the record (biên bản): the agency's two months to report run from it."""
    if record_date is None:
        raise ValidationError({"record_date": [_("Give the date of the record.")]})
    before = snapshot(inspection, ["record_date"])
    inspection.record_date = record_date
    inspection.full_clean()
    inspection.save()
    due = rules.report_due(record_date)
    for finding in inspection.findings.exclude(nonconformity=None).select_related("nonconformity"):
        nonconformity_set_response_due(nc=finding.nonconformity, actor=actor, due=due)
    changes = diff(before, snapshot(inspection, ["record_date"]))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=inspection, agency=inspection.agency, changes=changes)
    return inspection


@transaction.atomic
def signed_record_upload(*, actor, inspection: Inspection, upload: UploadedFile | None) -> Inspection:
    if inspection.record_date is None:
        raise ValidationError(_("Date the record before uploading its signed scan."))
    if upload is None:
        raise ValidationError({"upload": [_("Attach the signed record as a PDF file.")]})
    try:
        validate_pdf(upload)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    old = inspection.signed_record.name
    inspection.signed_record.save(safe_name(upload.name, PDF), upload, save=False)
    try:
        inspection.save(update_fields=["signed_record"])
        audit_record(actor=actor, action=Action.UPDATE, obj=inspection, agency=inspection.agency,
                     changes={"signed_record": [old, uploaded(inspection.signed_record, upload)]})
    except Exception:
        inspection.signed_record.delete(save=False)
        raise
    return inspection


@transaction.atomic
def evidence_add(*, actor, inspection: Inspection, point: str, title: str, upload: UploadedFile | None) -> EvidenceFile:
    """A file seen during the inspection, checked by its content (PDF, Word, Excel, PNG or JPEG)."""
    if upload is None:
        raise ValidationError({"upload": [_("Choose a file.")]})
    if point and checklist.point(point) is None:
        raise ValidationError({"point": [_("Unknown checklist point.")]})
    try:
        content_type = validate_office_or_image(upload, settings.ISOGOV["DOCUMENT_MAX_BYTES"])
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    evidence = EvidenceFile(inspection=inspection, point=point, content_type=content_type, size=upload.size,
                            title=title or PurePath(upload.name or "").stem, uploaded_by=_actor(actor))
    evidence.full_clean(exclude=["file"])
    evidence.file.save(safe_name(upload.name, content_type), upload, save=False)
    try:
        evidence.save()
        audit_record(actor=actor, action=Action.CREATE, obj=evidence, agency=inspection.agency,
                     changes={"inspection": inspection, "point": point, "title": evidence.title,
                              "file": uploaded(evidence.file, upload)})
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: EvidenceFile) -> None:
    name, storage = evidence.file.name, evidence.file.storage
    audit_record(actor=actor, action=Action.DELETE, obj=evidence, agency=evidence.inspection.agency,
                 changes={"inspection": evidence.inspection, "title": evidence.title, "file": evidence.file})
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))  # only once the row is surely gone


# Records-only checks

@transaction.atomic
def records_check_set(*, actor, plan: InspectionPlan, agency: Agency, checked_on: dt.date | None,
                      passed: Iterable[str], result: str, note: str = "") -> RecordsCheck:
    lock(plan)  # one records check per agency: two saves at once run one after the other
    known = {p.code for p in checklist.records_points()}
    passed = sorted(set(passed))
    if set(passed) - known:
        raise ValidationError({"passed": [_("Unknown checklist point.")]})
    check = RecordsCheck.objects.filter(plan=plan, agency=agency).first() or RecordsCheck(plan=plan, agency=agency)
    before = snapshot(check, ["checked_on", "passed", "result", "note"]) if check.pk else {}
    check.checked_on, check.passed, check.result, check.note = checked_on, passed, result, note
    check.full_clean(validate_constraints=False)
    check.save()
    changes = diff(before, snapshot(check, ["checked_on", "passed", "result", "note"]))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE if before else Action.CREATE, obj=check, agency=agency,
                     changes=changes)
    return check


@transaction.atomic
def profile_set(*, actor, user, **values) -> InspectorProfile:
    lock(user)  # one profile per inspector: two saves at once run one after the other
    profile = InspectorProfile.objects.filter(user=user).first() or InspectorProfile(user=user)
    before = snapshot(profile, PROFILE_FIELDS) if profile.pk else {}
    for key in PROFILE_FIELDS:
        if key in values:
            setattr(profile, key, values[key])
    profile.full_clean()
    profile.save()
    changes = diff(before, snapshot(profile, PROFILE_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE if before else Action.CREATE, obj=profile, changes=changes)
    return profile


__all__ = ["answers_set", "finding_add", "inspection_record", "inspection_update", "plan_approve", "plan_create",
           "plan_set_onsite", "plan_update", "profile_set", "records_check_set", "signed_record_upload", "Result"]
