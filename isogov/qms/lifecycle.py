"""The QMS lifecycle as data: which steps exist and what each one requires.

not started → building → applying → effectiveness confirmed → announced → maintaining,
and back to "re-announcement due" whenever the scope changes. Stepping back one state is allowed
(with a note) so that a wrong click can be undone without touching the database by hand.
"""
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.core.text import clean_text
from isogov.qms.models import FactKind
from isogov.qms.states import QmsState as S
from isogov.registry.models import AgencyStatus

FORWARD: dict[str, set[str]] = {
    S.NOT_STARTED: {S.BUILDING},
    S.BUILDING: {S.APPLYING},
    S.APPLYING: {S.CONFIRMED},
    S.CONFIRMED: {S.ANNOUNCED},
    S.ANNOUNCED: {S.MAINTAINING},
    S.MAINTAINING: set(),
    S.REANNOUNCE_DUE: {S.ANNOUNCED},
}
BACKWARD: dict[str, set[str]] = {
    S.BUILDING: {S.NOT_STARTED},
    S.APPLYING: {S.BUILDING},
    S.CONFIRMED: {S.APPLYING},
}
# These states are entered only by recording an announcement or changing the scope, never by a bare click.
ANNOUNCE_ONLY = {S.ANNOUNCED}
SCOPE_CHANGE_ONLY = {S.REANNOUNCE_DUE}
# Where a change of scope makes the last announcement out of date.
ANNOUNCED_STATES = {S.ANNOUNCED, S.MAINTAINING}
CAN_ANNOUNCE_FROM = {S.CONFIRMED, S.REANNOUNCE_DUE}

ACTION_LABELS = {
    S.BUILDING: _("Start building the QMS"),
    S.APPLYING: _("Start applying the QMS"),
    S.CONFIRMED: _("Confirm effectiveness"),
    S.MAINTAINING: _("Move to maintaining and improving"),
    S.NOT_STARTED: _("Back to not started"),
}


def allowed_targets(state: str) -> set[str]:
    return FORWARD.get(state, set()) | BACKWARD.get(state, set())


def is_backward(from_state: str, to_state: str) -> bool:
    return to_state in BACKWARD.get(from_state, set())


ORDER = [S.NOT_STARTED, S.BUILDING, S.APPLYING, S.CONFIRMED, S.ANNOUNCED, S.MAINTAINING, S.REANNOUNCE_DUE]


def transition_problems(*, agency, actor, to_state: str, note: str = "") -> list[str]:
    """Why `actor` may not move `agency` to `to_state` now; empty when the step is allowed."""
    state = agency.qms_state
    if agency.status != AgencyStatus.ACTIVE:
        return [gettext("This agency is no longer active (%(status)s); its QMS lives on in the agency that took it "
                        "over.") % {"status": agency.get_status_display()}]
    if to_state in ANNOUNCE_ONLY:
        return [gettext("An agency is announced by recording the signed announcement decision.")]
    if to_state in SCOPE_CHANGE_ONLY:
        return [gettext("A re-announcement falls due by itself when the scope changes.")]
    if to_state not in allowed_targets(state):
        return [
            gettext("An agency cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(state).label, "to": S(to_state).label}
        ]
    problems = []
    if is_backward(state, to_state) and not clean_text(note):
        problems.append(gettext("Say why the agency steps back (the note is required)."))
    if to_state == S.APPLYING:
        if not agency.scope_items.exists():
            problems.append(gettext("Define the scope first: at least one administrative procedure."))
        if not agency.iso_secretary:
            problems.append(gettext("Name the agency's ISO secretary first."))
    if to_state == S.CONFIRMED:
        if not access.can_confirm_effectiveness(actor, agency):
            problems.append(gettext("Only the agency head (or the programme lead) confirms effectiveness."))
        kinds = set(agency.qms_facts.values_list("kind", flat=True))
        if FactKind.INTERNAL_AUDIT not in kinds:
            problems.append(gettext("Record the first internal audit before confirming effectiveness."))
        if FactKind.MANAGEMENT_REVIEW not in kinds:
            problems.append(gettext("Record the first management review before confirming effectiveness."))
    return problems


# The shape every state machine of isogov shares (qms/lifecycle.py, capa/workflow.py, documents/versioning.py,
# audits/rules.py): TRANSITIONS, the steps as data (state → the states one step may reach, however it is taken),
# and refusal(obj, target, actor), why that step is refused now ("" when it may be taken).
TRANSITIONS: dict[str, frozenset[str]] = {
    state: frozenset(allowed_targets(state) | ({S.REANNOUNCE_DUE} if state in ANNOUNCED_STATES else set())
                     | ({S.ANNOUNCED} if state in CAN_ANNOUNCE_FROM else set()))
    for state in ORDER
}


def refusal(agency, target: str, actor, **details) -> str:
    """Why `actor` may not take `agency`'s QMS to `target` by a lifecycle step; `details`: the step's note."""
    return " ".join(transition_problems(agency=agency, actor=actor, to_state=target, **details))
