"""What the auditors record while the audit is in progress: checklist results and findings."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff
from isogov.audits.models import Audit, AuditArea, AuditState, ChecklistItem, Finding, Grade, Result
from isogov.audits.services import _locked
from isogov.clauses.models import Clause
from isogov.core.text import clean_text


def _require_in_progress(audit: Audit) -> None:
    if audit.state != AuditState.IN_PROGRESS:
        raise ValidationError(_("Results and findings are recorded while the audit is in progress "
                                "(current state: %(state)s).") % {"state": AuditState(audit.state).label})


@transaction.atomic
def checklist_update(*, item: ChecklistItem, actor, result: str, notes: str = "") -> ChecklistItem:
    audit = _locked(item.audit)
    _require_in_progress(audit)
    if result not in Result.values:
        raise ValidationError({"result": [_("Choose conforms, does not conform or not checked.")]})
    notes = clean_text(notes, multiline=True)
    item = ChecklistItem.objects.select_for_update().select_related("clause").get(pk=item.pk)
    before = {"result": item.result, "notes": item.notes}
    item.result, item.notes = result, notes
    item.save()
    changes = diff(before, {"result": result, "notes": notes})
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=item, agency=audit.agency, changes=changes,
                     note=_("Checklist of audit “%(title)s”") % {"title": audit.title})
    return item


@transaction.atomic
def finding_add(*, audit: Audit, actor, grade: str, clause: Clause | None, description: str,
                area: AuditArea | None = None) -> Finding:
    audit = _locked(audit)
    _require_in_progress(audit)
    errors: dict[str, list[str]] = {}
    description = clean_text(description, multiline=True)
    if grade not in Grade.values:
        errors["grade"] = [_("Choose the grade of the finding.")]
    if clause is None:
        errors["clause"] = [_("Link the finding to a clause.")]
    elif clause.framework_id != audit.framework_id:
        errors["clause"] = [_("Choose a clause of %(framework)s.") % {"framework": audit.framework}]
    if area is not None and area.audit_id != audit.pk:
        errors["area"] = [_("This area is not part of the audit.")]
    if not description:
        errors["description"] = [_("Describe what was found, with the evidence.")]
    if errors:
        raise ValidationError(errors)
    finding = Finding.objects.create(audit=audit, grade=grade, clause=clause, area=area, description=description)
    audit_record(actor=actor, action=Action.CREATE, obj=finding, agency=audit.agency, changes={
        "grade": grade, "clause": clause.number, "area": area.name if area else "", "description": description})
    # A nonconformity found against a clause is the checklist's answer for that clause too.
    if grade in (Grade.MAJOR, Grade.MINOR):
        for item in ChecklistItem.objects.filter(audit=audit, clause=clause).exclude(result=Result.NONCONFORM):
            audit_record(actor=actor, action=Action.UPDATE, obj=item, agency=audit.agency,
                         changes={"result": [item.result, Result.NONCONFORM]}, note=_("Set by a finding"))
            item.result = Result.NONCONFORM
            item.save(update_fields=["result"])
    return finding


@transaction.atomic
def finding_remove(*, finding: Finding, actor) -> None:
    audit = _locked(finding.audit)
    _require_in_progress(audit)
    audit_record(actor=actor, action=Action.DELETE, obj=finding, agency=audit.agency,
                 changes={"grade": finding.grade, "clause": finding.clause.number, "description": finding.description})
    finding.delete()
