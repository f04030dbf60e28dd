"""Reads of an agency's QMS. Callers pass an agency they obtained through the access helper."""
from isogov.accounts import access
from isogov.qms import lifecycle
from isogov.qms.filters import ProcedureFilter
from isogov.qms.models import Announcement, FactKind, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency


def next_steps(*, user, agency: Agency) -> list[dict]:
    """The lifecycle buttons to offer on the agency page, each with what still blocks it."""
    if not access.can_write_agency(user, agency):
        return []
    steps = []
    for target in lifecycle.ORDER:
        if target not in lifecycle.allowed_targets(agency.qms_state):
            continue
        if target in lifecycle.ANNOUNCE_ONLY:
            steps.append({"state": target, "announce": True, "label": QmsState(target).label, "problems": []})
            continue
        steps.append({
            "state": target,
            "label": lifecycle.ACTION_LABELS.get(target, QmsState(target).label),
            "backward": lifecycle.is_backward(agency.qms_state, target),
            # The note is asked for in the form itself; everything else is checked now.
            "problems": lifecycle.transition_problems(agency=agency, actor=user, to_state=target, note="-"),
        })
    return steps


def agency_qms_overview(*, user, agency: Agency) -> dict:
    return {
        "scope_items": ScopeItem.objects.filter(agency=agency).select_related("procedure"),
        "facts": QmsFact.objects.filter(agency=agency).select_related("recorded_by"),
        "announcements": Announcement.objects.filter(agency=agency).select_related("recorded_by"),
        "transitions": Transition.objects.filter(agency=agency).select_related("actor")[:50],
        "next_steps": next_steps(user=user, agency=agency),
        "fact_kinds": FactKind.choices,
        "can_announce": agency.qms_state in lifecycle.CAN_ANNOUNCE_FROM and access.can_write_agency(user, agency),
    }


def procedure_search(*, data, exclude_agency: Agency | None = None) -> ProcedureFilter:
    """The catalogue searched by the query `data` (filters.ProcedureFilter), without the procedures already in
    `exclude_agency`'s scope: `.form` to show, `.qs` to list."""
    qs = Procedure.objects.order_by("code")
    if exclude_agency is not None:
        qs = qs.exclude(scope_items__agency=exclude_agency)
    return ProcedureFilter(data, queryset=qs)
