"""The inspection's rules: the plan's one step, the law's one-third, the team leader's qualifications, the
agency's two months to report, and how the on-site proposal weighs each reason.

The plan: draft → approved (with the province's approving decision), in the shape every isogov state machine
shares (TRANSITIONS and refusal()). An approved plan's on-site list no longer changes.
"""
import datetime as dt
import math

from django.conf import settings
from django.utils.translation import gettext as _

from isogov.core.dates import add_months
from isogov.inspections.models import InspectionPlan, InspectorProfile, PlanStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.APPROVED}),
    PlanStatus.APPROVED: frozenset(),
}


def onsite_minimum(mandatory: int) -> int:
    """[law] At least a third of the agencies that must apply are inspected on site (Circular 26, art. 33)."""
    return math.ceil(mandatory / settings.ISOGOV["INSPECTION_ONSITE_DIVISOR"])


def onsite_warning(*, onsite_mandatory: int, mandatory: int) -> str:
    """A warning when fewer than the law's share of the mandatory agencies are chosen for on-site inspection.
    Agencies that need not apply (communes encouraged by Decision 19) may be added but do not count."""
    least = onsite_minimum(mandatory)
    if onsite_mandatory >= least:
        return ""
    return _("Only %(n)s of the %(total)s agencies that must apply are inspected on site: the law asks for at least "
             "one third, %(least)s (Circular 26/2014/TT-BKHCN, art. 33).") % {
        "n": onsite_mandatory, "total": mandatory, "least": least}


def missing_qualifications(profile: InspectorProfile | None) -> list[str]:
    """[law] What the team leader lacks of art. 40: a degree, the state management certificate, the QMS auditor
    certificate and three years in the field."""
    labels = {"degree": _("a university degree"),
              "state_management_certificate": _("the state management certificate"),
              "auditor_certificate": _("a QMS auditor certificate")}
    if profile is None:
        return [*labels.values(), _("three years in the field")]
    missing = [label for name, label in labels.items() if not getattr(profile, name)]
    if not profile.working_since or add_months(profile.working_since, 36) > dt.date.today():
        missing.append(_("three years in the field"))
    return missing


def leader_problem(leader) -> str:
    if leader is None:
        return _("Name the team leader.")
    missing = missing_qualifications(getattr(leader, "inspector_profile", None))
    if missing:
        return _("%(name)s cannot lead the team without %(missing)s (Circular 26/2014/TT-BKHCN, art. 40).") % {
            "name": str(leader), "missing": ", ".join(missing)}
    return ""


def approval_problems(plan: InspectionPlan, *, decision_number: str, decision_date, mandatory: int,
                      onsite_mandatory: int) -> list[str]:
    if plan.status != PlanStatus.DRAFT:
        return [_("The plan is already approved.")]
    problems = []
    if not decision_number or not decision_date:
        problems.append(_("Give the number and date of the approving decision."))
    if not plan.onsite.exists():
        problems.append(_("Choose the agencies to inspect on site."))
    if problem := leader_problem(plan.leader):
        problems.append(problem)
    # The one third is a warning, shown while the list is drafted and on the approved plan, not a refusal: the
    # province may approve a smaller plan knowingly (a year with a reduced budget), and the warning stays.
    return problems


def refusal(plan: InspectionPlan, target: str, actor=None, **details) -> str:
    if target == PlanStatus.APPROVED:
        return " ".join(approval_problems(plan, **details))
    raise ValueError(f"no step of an inspection plan leads to {target!r}")


def closed_problem(plan: InspectionPlan) -> str:
    return _("The plan is approved: its list no longer changes.") if plan.status == PlanStatus.APPROVED else ""


def report_due(record_date: dt.date | None) -> dt.date | None:
    """[law] The inspected agency reports its corrective actions within 2 months of the record."""
    return add_months(record_date, settings.ISOGOV["INSPECTION_REPORT_MONTHS"]) if record_date else None


# How the on-site proposal weighs each reason [assumed]: the order of the list, heaviest first; a tie is
# broken by the agency's place in the registry, so the same data always gives the same list.
WEIGHTS = {
    "never_inspected": 40,
    "years_since_inspection": 10,  # per year since the last on-site inspection, at most 3 years
    "corrective_overdue": 25,
    "no_internal_audit": 15,
    "no_management_review": 15,
    "reannounce_due": 15,
    "legal_overdue": 10,
    "red_card": 10,
    "low_score": 10,  # the agency's PAR score last year below LOW_SCORE_PERCENT
}
LOW_SCORE_PERCENT = 50
