"""The nonconformity's states as data, and what still blocks each step.

draft → analysed (root cause recorded) → action plan (at least one action) → in progress →
awaiting verification (all actions done) → closed (verified effective); cancelled with a reason
from any open state. A "not effective" verdict sends it back to the action plan for a new cycle.

When nothing has to happen between two button steps, the page offers them as one button (SHORTCUTS):
each step is still checked and recorded on its own.
"""
import copy
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.accounts import access
from isogov.capa.models import OPEN_STATES, Nonconformity, State

# The plain steps a button takes; the others need a form (root cause, verification, cancel reason).
BUTTON_STEPS: dict[str, str] = {
    State.ANALYSED: State.ACTION_PLAN,
    State.ACTION_PLAN: State.IN_PROGRESS,
    State.IN_PROGRESS: State.AWAITING_VERIFICATION,
}
STEP_LABELS = {
    State.ACTION_PLAN: gettext_lazy("Adopt the action plan"),
    State.IN_PROGRESS: gettext_lazy("Start the actions"),
    State.AWAITING_VERIFICATION: gettext_lazy("Ask for verification of effectiveness"),
}
# from → the furthest state one button may reach, through the button steps in between.
SHORTCUTS: dict[str, str] = {
    State.ANALYSED: State.IN_PROGRESS,
    State.ACTION_PLAN: State.AWAITING_VERIFICATION,
}
SHORTCUT_LABELS = {
    (State.ANALYSED, State.IN_PROGRESS): gettext_lazy("Adopt the plan and start the actions"),
}
# What the person does before pressing the offered button, by (from, to).
STEP_HINTS = {
    (State.ANALYSED, State.IN_PROGRESS): gettext_lazy(
        "Plan the corrective actions below, each with its owner and due date, then adopt the plan and start them."),
    (State.ACTION_PLAN, State.IN_PROGRESS): gettext_lazy("Start the actions once the plan is agreed."),
    (State.ACTION_PLAN, State.AWAITING_VERIFICATION): gettext_lazy(
        "Mark each action done with its evidence; then ask for verification."),
    (State.IN_PROGRESS, State.AWAITING_VERIFICATION): gettext_lazy(
        "Mark each action done with its evidence; then ask for verification."),
}
# Where actions may be added, changed, completed; after the request for verification the plan is frozen.
ACTION_EDIT_STATES = (State.ANALYSED, State.ACTION_PLAN, State.IN_PROGRESS)
ACTION_DONE_STATES = (State.ACTION_PLAN, State.IN_PROGRESS)
ROOT_CAUSE_STATES = (State.DRAFT, State.ANALYSED, State.ACTION_PLAN)


def has_root_cause(nc: Nonconformity) -> bool:
    return bool(nc.root_cause.strip()) or any(
        (w.get("why") or "").strip() and (w.get("because") or "").strip() for w in nc.whys
    )


def action_is_overdue(action, today: dt.date) -> bool:
    return action.done_on is None and action.due_date < today


def _cannot(nc: Nonconformity, to_state: str) -> str:
    return _("A nonconformity cannot go from “%(from)s” to “%(to)s”.") % {
        "from": State(nc.state).label, "to": State(to_state).label}


def closed_problem(nc: Nonconformity) -> str:
    """Why nothing of `nc` may change any more: closed or cancelled; "" while it is open."""
    if nc.state in OPEN_STATES:
        return ""
    return _("This nonconformity is %(state)s and can no longer change.") % {"state": State(nc.state).label.lower()}


def step_problems(*, nc: Nonconformity, actor, to_state: str, actions: list | None = None) -> list[str]:
    """Why `actor` cannot take `nc` by the button step to `to_state` now; empty when they can.

    `actions` may be passed when the caller already holds them, to spare a query.
    """
    if BUTTON_STEPS.get(nc.state) != to_state:
        return [_cannot(nc, to_state)]
    if actions is None:
        actions = list(nc.actions.all())
    problems = []
    if not has_root_cause(nc):
        problems.append(_("Record the root cause first."))
    if adopts_plan(nc, to_state) and (refusal := access.corrective_plan_adoption_refusal(actor, nc)):
        problems.append(refusal)
    if to_state == State.ACTION_PLAN and not actions:
        problems.append(_("Add at least one corrective action."))
    if to_state == State.IN_PROGRESS:
        if not actions:
            problems.append(_("Add at least one corrective action."))
        elif nc.cycle > 1 and not any(a.cycle == nc.cycle for a in actions):
            problems.append(_("The last verification found the actions not effective: "
                              "add a new action or reopen one before starting again."))
    if to_state == State.AWAITING_VERIFICATION:
        pending = [a for a in actions if a.done_on is None]
        if pending:
            problems.append(_("%(count)s action(s) not done yet: %(list)s.")
                            % {"count": len(pending), "list": "; ".join(a.description[:60] for a in pending)})
    return problems


def hops(from_state: str, to_state: str) -> list[str] | None:
    """The button steps from `from_state` to `to_state`: the next state, or a shortcut's; None otherwise."""
    if BUTTON_STEPS.get(from_state) == to_state:
        return [to_state]
    if SHORTCUTS.get(from_state) == to_state:
        path, state = [], from_state
        while state != to_state:
            state = BUTTON_STEPS[state]
            path.append(state)
        return path
    return None


def path_problems(*, nc: Nonconformity, actor, to_state: str, actions: list | None = None) -> list[str]:
    """Why `actor` cannot take `nc` to `to_state` by one button now: the problems of the first blocked step."""
    path = hops(nc.state, to_state)
    if path is None:
        return step_problems(nc=nc, actor=actor, to_state=to_state, actions=actions)
    if actions is None:
        actions = list(nc.actions.all())
    walker = copy.copy(nc)
    for state in path:
        problems = step_problems(nc=walker, actor=actor, to_state=state, actions=actions)
        if problems:
            return problems
        walker.state = state
    return []


def verify_problems(*, nc: Nonconformity, actor, actions: list | None = None) -> list[str]:
    if nc.state != State.AWAITING_VERIFICATION:
        return [_("Only a nonconformity awaiting verification can be verified (current state: %(state)s).")
                % {"state": State(nc.state).label}]
    if actions is None:
        actions = list(nc.actions.all())
    problems = []
    if not has_root_cause(nc):
        problems.append(_("Record the root cause first."))
    if not actions or any(a.done_on is None for a in actions):
        problems.append(_("Every action must be done before its effectiveness is verified."))
    # Who may verify is the access module's one rule (separation of duties), not a copy of it here.
    refusal = access.corrective_verification_refusal(actor, nc, actions)
    if refusal:
        problems.append(refusal)
    return problems


def adopts_plan(nc: Nonconformity, to_state: str) -> bool:
    """The steps that commit the agency to a plan: adopting it, and starting a plan revised after a "not
    effective" verdict (which goes back to the action plan without a new adoption step)."""
    return (to_state == State.ACTION_PLAN and nc.state == State.ANALYSED) or (
        to_state == State.IN_PROGRESS and nc.cycle > 1)


def next_steps(*, nc: Nonconformity, user, actions: list) -> list[dict]:
    """What the page offers next, each with what still blocks it; empty for those who may not write."""
    if nc.state not in OPEN_STATES or not access.can_write_agency(user, nc.agency):
        return []
    target = BUTTON_STEPS.get(nc.state)
    if target is None:
        return []
    problems = step_problems(nc=nc, actor=user, to_state=target, actions=actions)
    shortcut = SHORTCUTS.get(nc.state)
    if shortcut is not None:
        shortcut_problems = path_problems(nc=nc, actor=user, to_state=shortcut, actions=actions)
        # From the analysis the plan is adopted and started together; later, straight to the verification
        # only once every action is done.
        if nc.state == State.ANALYSED or not shortcut_problems:
            target, problems = shortcut, shortcut_problems
    return [{"state": target, "label": SHORTCUT_LABELS.get((nc.state, target)) or STEP_LABELS[target],
             "hint": STEP_HINTS.get((nc.state, target), ""), "problems": problems}]


# The shape every state machine of isogov shares (see qms/lifecycle.py): the steps as data, state → the states one
# step may reach (a shortcut is several steps); and refusal(nc, target, actor), "" when the step may be taken.
TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.ANALYSED, State.CANCELLED}),  # the root cause recorded
    **{state: frozenset({target, State.CANCELLED}) for state, target in BUTTON_STEPS.items()},
    # Verified effective: closed; not effective: back to the action plan for a new cycle.
    State.AWAITING_VERIFICATION: frozenset({State.CLOSED, State.ACTION_PLAN, State.CANCELLED}),
    State.CLOSED: frozenset(),
    State.CANCELLED: frozenset(),
}


def refusal(nc: Nonconformity, target: str, actor, *, actions: list | None = None) -> str:
    """Why `actor` may not take `nc` to `target` now (through a shortcut's steps, where the page offers one). The
    root cause, the verdict and the cancel reason are the forms' fields, checked with them by the services."""
    if target == State.CANCELLED:
        return closed_problem(nc)
    if target == State.ANALYSED:
        return "" if nc.state == State.DRAFT else (closed_problem(nc) or _cannot(nc, target))
    if target == State.CLOSED or (target == State.ACTION_PLAN and nc.state == State.AWAITING_VERIFICATION):
        return " ".join(verify_problems(nc=nc, actor=actor, actions=actions))
    if target == State.DRAFT:
        raise ValueError("no step of a nonconformity leads back to the draft")
    return " ".join(path_problems(nc=nc, actor=actor, to_state=target, actions=actions))
