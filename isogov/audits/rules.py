"""What an internal audit needs before each step, as plain checks the pages also show as blockers.

planned → in progress → reported (closed); cancelled with a reason from planned or in progress.
"""
import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from isogov.audits.models import NONCONFORMITY_GRADES, OPEN_AUDIT_STATES, Audit, AuditState, Result
from isogov.core.dates import add_months
from isogov.core.text import fold


def same_person(user_a, name_a: str, user_b, name_b: str) -> bool:
    """Two people are the same when they are the same account, or carry the same name (diacritics aside)."""
    if user_a is not None and user_b is not None:
        return user_a == user_b
    return bool(name_a.strip()) and fold(name_a) == fold(name_b)


def self_audit_conflicts(team: list[tuple], areas: list[tuple]) -> list[str]:
    """`team`: (user, name) of each auditor; `areas`: (area name, owner user, owner name).

    ISO 9001, 9.2.2 c: auditors are chosen so that the audit is objective and impartial, so nobody
    audits an area they own.
    """
    problems = []
    for user, name in team:
        for area_name, owner, owner_name in areas:
            if same_person(user, name, owner, owner_name):
                problems.append(
                    _("%(person)s owns “%(area)s” and cannot audit it: an auditor may not audit their own work.")
                    % {"person": name, "area": area_name})
    return problems


def start_problems(audit: Audit) -> list[str]:
    if audit.state != AuditState.PLANNED:
        return [_("Only a planned audit can start (current state: %(state)s).")
                % {"state": AuditState(audit.state).label}]
    problems = []
    team = list(audit.team.select_related("user"))
    if not any(m.is_lead for m in team):
        problems.append(_("Name the lead auditor."))
    areas = list(audit.areas.select_related("owner"))
    if not areas:
        problems.append(_("Add at least one department or process to audit, with its owner."))
    if not audit.checklist.exists():
        problems.append(_("The checklist is empty: choose the clauses to audit."))
    problems += self_audit_conflicts([(m.user, m.name) for m in team], [(a.name, a.owner, a.owner_name) for a in areas])
    return problems


def report_problems(audit: Audit, *, reported_on: dt.date | None = None, today: dt.date | None = None) -> list[str]:
    if audit.state != AuditState.IN_PROGRESS:
        return [_("Only an audit in progress can be reported (current state: %(state)s).")
                % {"state": AuditState(audit.state).label}]
    problems = []
    items = list(audit.checklist.select_related("clause"))
    if not any(i.result != Result.NOT_CHECKED for i in items):
        problems.append(_("Record the result of at least one checklist item."))
    covered = {f.clause_id for f in audit.findings.all() if f.grade in NONCONFORMITY_GRADES}
    missing = [i for i in items if i.result == Result.NONCONFORM and i.clause_id not in covered]
    if missing:
        problems.append(_("Clauses marked “does not conform” need a major or minor nonconformity finding: %(list)s.")
                        % {"list": ", ".join(i.clause.number for i in missing)})
    if reported_on is not None:
        if today and reported_on > today:
            problems.append(_("The report date cannot be in the future."))
        if audit.audit_date and reported_on < audit.audit_date:
            problems.append(_("The report date cannot be before the audit date (%(date)s).")
                            % {"date": audit.audit_date.strftime("%d/%m/%Y")})
    return problems


def is_overdue(audit: Audit, today: dt.date) -> bool:
    """A planned audit whose month has passed without it starting."""
    return audit.state == AuditState.PLANNED and (audit.programme.year, audit.planned_month) < (today.year, today.month)


# The shape every state machine of isogov shares (see qms/lifecycle.py): the steps as data, state → the states one
# step may reach; and refusal(audit, target, actor), "" when the step may be taken.
TRANSITIONS: dict[str, frozenset[str]] = {
    AuditState.PLANNED: frozenset({AuditState.IN_PROGRESS, AuditState.CANCELLED}),
    AuditState.IN_PROGRESS: frozenset({AuditState.REPORTED, AuditState.CANCELLED}),
    AuditState.REPORTED: frozenset(),
    AuditState.CANCELLED: frozenset(),
}


def closed_problem(audit: Audit) -> str:
    """Why nothing of `audit` may change any more: reported or cancelled; "" while it is open."""
    if audit.state in OPEN_AUDIT_STATES:
        return ""
    return _("This audit is %(state)s and can no longer change.") % {"state": AuditState(audit.state).label.lower()}


def refusal(audit: Audit, target: str, actor=None, **details) -> str:
    """Why `audit` may not go to `target` now. `details`: reported_on and today for the report. Who may write
    the agency's audits at all is access.py's rule, checked before; the cancel reason is the form's field."""
    if target == AuditState.IN_PROGRESS:
        return " ".join(start_problems(audit))
    if target == AuditState.REPORTED:
        return " ".join(report_problems(audit, **details))
    if target == AuditState.CANCELLED:
        return closed_problem(audit)
    raise ValueError(f"no step of an audit leads to {target!r}")  # an audit is planned only by creating it


def internal_audit_months() -> int:
    """[law] An internal audit at least once every this many months (ISOGOV["INTERNAL_AUDIT_MONTHS"], 12)."""
    return settings.ISOGOV["INTERNAL_AUDIT_MONTHS"]


def internal_audit_due(last: dt.date | None) -> dt.date | None:
    """The day by which the next internal audit is due, counted from the last one; None when there was none."""
    return add_months(last, internal_audit_months()) if last else None


def internal_audit_overdue(last: dt.date | None, today: dt.date) -> bool:
    """The one meaning of "an internal audit is overdue", used by the audits page, the compliance card and the
    management review: none recorded, or its due date has passed (on the due date itself it is still on time)."""
    return last is None or internal_audit_due(last) < today
