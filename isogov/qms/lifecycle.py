"""The QMS lifecycle as data: which steps exist and what each one requires.

not started → building → applying → effectiveness confirmed → announced → maintaining,
and back to "re-announcement due" whenever the scope changes. Stepping back one state is allowed
(with a note) so that a wrong click can be undone without touching the database by hand.
"""
from django.utils.translation import gettext_lazy as _

from isogov.qms.states import QmsState as S

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
