"""Writes to internal audits: planning, team and areas, starting, reporting, cancelling.

The checklist and the findings recorded during the audit are in records.py.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.audits import rules
from isogov.audits.models import (
    NONCONFORMITY_GRADES,
    Audit,
    AuditArea,
    Auditor,
    AuditProgramme,
    AuditState,
    ChecklistItem,
)
from isogov.capa.models import Source
from isogov.capa.services import nonconformity_open
from isogov.clauses.models import Clause, Framework
from isogov.core.text import clean_text
from isogov.qms.models import FactKind, Procedure
from isogov.qms.services import fact_record
from isogov.registry.models import Agency

DEFAULT_FRAMEWORK = "iso9001-2015"


def _locked(audit: Audit) -> Audit:
    return Audit.objects.select_for_update().select_related("agency", "programme", "framework").get(pk=audit.pk)


def _require_open(audit: Audit, message: str | None = None) -> None:
    if closed := rules.closed_problem(audit):
        raise ValidationError(message or closed)


def default_framework() -> Framework:
    return Framework.objects.get(code=DEFAULT_FRAMEWORK)


PLAN_FIELDS = ("planned_month", "title", "scope", "procedures")


def _merge(errors: dict, exc: ValidationError, rename: dict | None = None) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault((rename or {}).get(field, field), []).extend(messages)


def _check_plan(audit: Audit, *, year: int | None, clauses: list[Clause], procedures: list[Procedure]) -> None:
    """The audit's own fields (Audit, and the programme's year), and the clauses and procedures it may cover."""
    errors: dict[str, list[str]] = {}
    for obj, exclude in ((AuditProgramme(agency=audit.agency, year=year), None), (audit, ["programme"])):
        try:
            obj.full_clean(exclude=exclude, validate_constraints=False)  # the year's programme may exist already
        except ValidationError as exc:
            _merge(errors, exc)
    if any(c.framework_id != audit.framework_id or not c.auditable for c in clauses):
        errors["clauses"] = [_("Choose auditable clauses of %(framework)s.") % {"framework": audit.framework}]
    in_scope = set(audit.agency.scope_items.values_list("procedure_id", flat=True))
    outside = [p.code for p in procedures if p.pk not in in_scope]
    if outside:
        errors["procedures"] = [_("Not in the agency's QMS scope: %(codes)s.") % {"codes": ", ".join(outside)}]
    if errors:
        raise ValidationError(errors)


def _plan_snapshot(audit: Audit) -> dict:
    """snapshot() of the audit, with what lives beside it: its programme's year and its checklist's clauses."""
    return {"year": audit.programme.year, **snapshot(audit, PLAN_FIELDS),
            "clauses": sorted(audit.checklist.values_list("clause__number", flat=True))}


def _build_checklist(audit: Audit, clauses: list[Clause]) -> None:
    """One item per chosen clause, or per auditable clause of the framework when none is chosen."""
    wanted = clauses or list(Clause.objects.filter(framework=audit.framework, auditable=True))
    wanted_ids = {c.pk for c in wanted}
    existing = set(audit.checklist.values_list("clause_id", flat=True))
    audit.checklist.exclude(clause_id__in=wanted_ids).delete()
    ChecklistItem.objects.bulk_create(
        [ChecklistItem(audit=audit, clause=c) for c in wanted if c.pk not in existing])


@transaction.atomic
def audit_plan(*, agency: Agency, actor, year: int, planned_month: int, title: str, scope: str,
               clauses: list[Clause] | None = None, procedures: list[Procedure] | None = None,
               framework: Framework | None = None) -> Audit:
    """Add an audit to the agency's programme for `year` (the programme is created with its first audit)."""
    clauses, procedures = list(clauses or []), list(procedures or [])
    audit = Audit(agency=agency, title=title, planned_month=planned_month, scope=scope,
                  framework=framework or default_framework(), created_by=actor)
    _check_plan(audit, year=year, clauses=clauses, procedures=procedures)
    audit.programme, created = AuditProgramme.objects.get_or_create(agency=agency, year=year,
                                                                    defaults={"created_by": actor})
    if created:
        audit_record(actor=actor, action=Action.CREATE, obj=audit.programme, agency=agency, changes={"year": year})
    audit.save()
    audit.procedures.set(procedures)
    _build_checklist(audit, clauses)
    audit_record(actor=actor, action=Action.CREATE, obj=audit, agency=agency, changes={
        **_plan_snapshot(audit), "clauses": [c.number for c in clauses] or "all"})
    return audit


@transaction.atomic
def audit_update(*, audit: Audit, actor, year: int, planned_month: int, title: str, scope: str,
                 clauses: list[Clause] | None = None, procedures: list[Procedure] | None = None) -> Audit:
    """Change a planned audit; its checklist follows the clauses (nothing is recorded in it yet)."""
    audit = _locked(audit)
    if audit.state != AuditState.PLANNED:
        raise ValidationError(_("Only a planned audit can be rescheduled or rescoped."))
    clauses, procedures = list(clauses or []), list(procedures or [])
    before = _plan_snapshot(audit)
    audit.planned_month, audit.title, audit.scope = planned_month, title, scope
    _check_plan(audit, year=year, clauses=clauses, procedures=procedures)
    if year != audit.programme.year:
        audit.programme, _created = AuditProgramme.objects.get_or_create(agency=audit.agency, year=year,
                                                                         defaults={"created_by": actor})
    audit.save()
    audit.procedures.set(procedures)
    _build_checklist(audit, clauses)
    changes = diff(before, _plan_snapshot(audit))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=audit, agency=audit.agency, changes=changes)
    return audit


def _person(user, name: str, errors: dict, field: str, agency: Agency, *, required_message: str) -> tuple | None:
    name = clean_text(name)
    if user is not None:
        if not user.is_active or not access.can_write_agency(user, agency):
            errors.setdefault(field, []).append(_("%(name)s does not work for this agency.") % {"name": user})
        return user, (name or user.full_name or user.get_username())[:150]
    if name:
        return None, name[:150]
    if required_message:
        errors.setdefault(field, []).append(required_message)
    return None


@transaction.atomic
def audit_set_team(*, audit: Audit, actor, lead_auditor=None, lead_auditor_name: str = "",
                   auditors: list | None = None, auditor_names: list[str] | None = None) -> list[Auditor]:
    """Replace the audit team: a lead auditor and any number of auditors (accounts or names)."""
    audit = _locked(audit)
    _require_open(audit)
    errors: dict[str, list[str]] = {}
    lead = _person(lead_auditor, lead_auditor_name, errors, "lead_auditor", audit.agency,
                   required_message=_("Name the lead auditor."))
    members = [p for u in (auditors or []) if (p := _person(u, "", errors, "auditors", audit.agency,
                                                              required_message=""))]
    members += [(None, n[:150]) for n in (clean_text(n) for n in (auditor_names or [])) if n]
    team = ([lead] if lead else []) + [m for m in members if not lead or not rules.same_person(*lead, *m)]
    areas = [(a.name, a.owner, a.owner_name) for a in audit.areas.select_related("owner")]
    conflicts = rules.self_audit_conflicts(team, areas)
    if conflicts:
        errors.setdefault("__all__", []).extend(conflicts)
    if errors:
        raise ValidationError(errors)
    auditors_ = [Auditor(audit=audit, user=u, name=n, is_lead=i == 0 and lead is not None)
                 for i, (u, n) in enumerate(team)]
    for auditor in auditors_:
        auditor.full_clean()
    before = [m.name for m in audit.team.all()]
    audit.team.all().delete()
    created = Auditor.objects.bulk_create(auditors_)
    audit_record(actor=actor, action=Action.UPDATE, obj=audit, agency=audit.agency,
                 changes={"team": [before, [n for _u, n in team]]}, note=_("Audit team"))
    return created


@transaction.atomic
def area_add(*, audit: Audit, actor, name: str, owner=None, owner_name: str = "") -> AuditArea:
    audit = _locked(audit)
    _require_open(audit)
    errors: dict[str, list[str]] = {}
    owner, owner_name = _person(owner, owner_name, errors, "owner", audit.agency, required_message="") or (None, "")
    area = AuditArea(audit=audit, name=name, owner=owner, owner_name=owner_name)
    try:
        area.full_clean()
    except ValidationError as exc:
        _merge(errors, exc)
    if area.name and area.owner_name:
        conflicts = rules.self_audit_conflicts([(m.user, m.name) for m in audit.team.select_related("user")],
                                               [(area.name, area.owner, area.owner_name)])
        if conflicts:
            errors.setdefault("owner", []).extend(conflicts)
    if errors:
        raise ValidationError(errors)
    area.save()
    audit_record(actor=actor, action=Action.CREATE, obj=area, agency=audit.agency,
                 changes={"audit": audit, "name": area.name, "owner": area.owner_name})
    return area


@transaction.atomic
def area_remove(*, area: AuditArea, actor) -> None:
    audit = _locked(area.audit)
    _require_open(audit)
    if area.findings.exists():
        raise ValidationError(_("Findings refer to this area; remove them first."))
    audit_record(actor=actor, action=Action.DELETE, obj=area, agency=audit.agency,
                 changes={"name": area.name, "owner": area.owner_name})
    area.delete()


def _ready_for(audit: Audit, to_state: str, rename: dict | None = None) -> None:
    """Refuse the step when the audit lacks what `to_state` needs written down (Audit.clean); `rename` puts a
    field's refusal beside the form field that fills it."""
    state, audit.state = audit.state, to_state
    try:
        audit.full_clean()
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        _merge(errors, exc, rename)
        raise ValidationError(errors) from exc
    finally:
        audit.state = state


def _move(*, audit: Audit, actor, to_state: str, note: str = "") -> None:
    audit_record(actor=actor, action=Action.TRANSITION, obj=audit, agency=audit.agency,
                 changes={"state": [audit.state, to_state]}, note=note)
    audit.state = to_state


@transaction.atomic
def audit_start(*, audit: Audit, actor, audit_date: dt.date | None) -> Audit:
    audit = _locked(audit)
    problems = rules.start_problems(audit)
    if problems:
        raise ValidationError(problems)
    audit.audit_date = audit_date
    _ready_for(audit, AuditState.IN_PROGRESS)
    _move(audit=audit, actor=actor, to_state=AuditState.IN_PROGRESS)
    audit.save()
    return audit


@transaction.atomic
def audit_report(*, audit: Audit, actor, reported_on: dt.date | None, summary: str) -> Audit:
    """Issue the report: the audit closes, the lifecycle gets its dated internal audit, and each major or
    minor nonconformity finding opens a nonconformity in capa, all in this one transaction."""
    audit = _locked(audit)
    problems = rules.report_problems(audit, reported_on=reported_on, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    audit.reported_on, audit.summary = reported_on, summary
    _ready_for(audit, AuditState.REPORTED)
    audit.fact = fact_record(agency=audit.agency, actor=actor, kind=FactKind.INTERNAL_AUDIT, date=reported_on,
                             note=_("Internal audit: %(title)s") % {"title": audit.title})
    _move(audit=audit, actor=actor, to_state=AuditState.REPORTED)
    audit.save()
    findings = audit.findings.filter(grade__in=NONCONFORMITY_GRADES, nonconformity__isnull=True)
    for finding in findings.select_related("clause", "area", "audit"):
        finding.nonconformity = nonconformity_open(
            agency=audit.agency, actor=actor, source=Source.INTERNAL_AUDIT, description=finding.description,
            clause=finding.clause, origin=finding, severity=finding.grade, detected_on=audit.audit_date,
            origin_label=str(finding),
        )
        finding.save(update_fields=["nonconformity"])
    return audit


@transaction.atomic
def audit_cancel(*, audit: Audit, actor, reason: str) -> Audit:
    audit = _locked(audit)
    _require_open(audit)
    audit.cancel_reason = reason
    _ready_for(audit, AuditState.CANCELLED, rename={"cancel_reason": "reason"})
    _move(audit=audit, actor=actor, to_state=AuditState.CANCELLED, note=audit.cancel_reason)
    audit.save()
    return audit
