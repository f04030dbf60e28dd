"""What the auditors record while the audit is in progress: checklist results and findings."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.audits.models import Audit, AuditArea, AuditState, ChecklistItem, Finding, Grade, Result
from isogov.audits.services import _locked
from isogov.clauses.models import Clause

ITEM_FIELDS = ("result", "notes")
FINDING_FIELDS = ("grade", "clause", "area", "description")


def _require_in_progress(audit: Audit) -> None:
    if audit.state != AuditState.IN_PROGRESS:
        raise ValidationError(_("Results and findings are recorded while the audit is in progress "
                                "(current state: %(state)s).") % {"state": AuditState(audit.state).label})


@transaction.atomic
def checklist_update(*, item: ChecklistItem, actor, result: str, notes: str = "") -> ChecklistItem:
    audit = _locked(item.audit)
    _require_in_progress(audit)
    item = ChecklistItem.objects.select_for_update().select_related("clause").get(pk=item.pk)
    before = snapshot(item, ITEM_FIELDS)
    item.result, item.notes = result, notes
    item.full_clean(validate_constraints=False)  # the audit and the clause do not change
    changes = diff(before, snapshot(item, ITEM_FIELDS))
    item.save()
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=item, agency=audit.agency, changes=changes,
                     note=_("Checklist of audit “%(title)s”") % {"title": audit.title})
    return item


@transaction.atomic
def finding_add(*, audit: Audit, actor, grade: str, clause: Clause | None, description: str,
                area: AuditArea | None = None) -> Finding:
    audit = _locked(audit)
    _require_in_progress(audit)
    finding = Finding(audit=audit, grade=grade, clause=clause, area=area, description=description)
    finding.full_clean()
    finding.save()
    audit_record(actor=actor, action=Action.CREATE, obj=finding, agency=audit.agency,
                 changes=snapshot(finding, FINDING_FIELDS))
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
                 changes=snapshot(finding, FINDING_FIELDS))
    finding.delete()
