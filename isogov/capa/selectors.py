"""Reads of nonconformities. Callers pass an agency they obtained through the access helper, or the user.

Overdue: an action past its due date and not done; a nonconformity is overdue when it is open and
one of its actions is.
"""
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from isogov.accounts import access
from isogov.capa import workflow
from isogov.capa.filters import NonconformityFilter, ProvinceNonconformityFilter
from isogov.capa.models import OPEN_STATES, CorrectiveAction, Nonconformity, State
from isogov.core.dates import year_before  # the law's "every 12 months"; other areas import it from here
from isogov.registry.models import Agency


def _overdue_actions(today: dt.date, nc_ref="pk") -> QuerySet[CorrectiveAction]:
    return CorrectiveAction.objects.filter(nonconformity=OuterRef(nc_ref), done_on__isnull=True, due_date__lt=today)


def overdue_q(today: dt.date) -> Q:
    return Q(state__in=OPEN_STATES) & Q(Exists(_overdue_actions(today)))


def with_overdue(qs: QuerySet[Nonconformity], today: dt.date) -> QuerySet[Nonconformity]:
    """Annotate `is_overdue`, and the number of actions and of those done, in the same query."""
    # A closed or cancelled nonconformity is never overdue, whatever its actions say.
    overdue = _overdue_actions(today).filter(nonconformity__state__in=OPEN_STATES)
    return qs.annotate(
        is_overdue=Exists(overdue),
        n_actions=Count("actions", distinct=True),
        n_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
    )


def open_nonconformities(*, agency: Agency, today: dt.date) -> QuerySet[Nonconformity]:
    """The agency's open nonconformities with `is_overdue`; the management review lists them as an input."""
    qs = Nonconformity.objects.filter(agency=agency, state__in=OPEN_STATES).select_related("clause")
    return qs.annotate(is_overdue=Exists(_overdue_actions(today))).order_by("detected_on", "number")


def overdue_agency_ids(*, today: dt.date) -> QuerySet:
    """The ids of the agencies with an open nonconformity whose action is overdue, as a subquery (`pk__in=`): the
    compliance verdict in SQL (compliance.verdict) reads this set once per query, not once per agency."""
    return Nonconformity.objects.filter(overdue_q(today)).order_by().values("agency_id")


def compliance_facts(*, agencies: QuerySet[Agency], today: dt.date) -> dict[int, dict]:
    """Per agency id: open nonconformities, open and overdue ones, and those closed in the last 12 months.

    Two queries whatever the number of agencies: the agency ids, then one grouped aggregate.
    """
    since = year_before(today)
    ids = list(agencies.order_by().values_list("pk", flat=True))
    result = {pk: {"ca_open": 0, "ca_overdue": 0, "ca_closed_12m": 0} for pk in ids}
    if not ids:
        return result
    rows = (
        Nonconformity.objects.filter(agency_id__in=agencies.order_by().values("pk"))
        .order_by().values("agency_id")
        .annotate(
            ca_open=Count("pk", filter=Q(state__in=OPEN_STATES)),
            ca_overdue=Count("pk", filter=overdue_q(today)),
            ca_closed_12m=Count("pk", filter=Q(state=State.CLOSED, closed_on__gt=since, closed_on__lte=today)),
        )
    )
    for row in rows:
        if row["agency_id"] in result:
            result[row["agency_id"]] = {k: row[k] for k in ("ca_open", "ca_overdue", "ca_closed_12m")}
    return result


def agency_list(*, agency: Agency, data, today: dt.date) -> NonconformityFilter:
    """The agency's nonconformities filtered by the list's query `data`: `.form` to show, `.qs` to list."""
    qs = with_overdue(Nonconformity.objects.filter(agency=agency).select_related("agency", "clause"), today)
    return NonconformityFilter(data, queryset=qs.order_by("-detected_on", "-number"),
                               overdue_condition=overdue_q(today))


def agency_counts(*, agency: Agency, today: dt.date) -> dict:
    """The badges over the agency list, in one aggregate query."""
    return Nonconformity.objects.filter(agency=agency).aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("pk", filter=overdue_q(today)),
        closed=Count("pk", filter=Q(state=State.CLOSED)),
    )


def province_list(*, user, data, today: dt.date) -> ProvinceNonconformityFilter:
    """Nonconformities across every agency `user` may read; the open ones unless the filter says otherwise."""
    qs = with_overdue(Nonconformity.objects.filter(access.agency_scope_q(user, prefix="agency__"))
                      .select_related("agency", "clause"), today)
    return ProvinceNonconformityFilter(data, queryset=qs.order_by("detected_on", "agency__code", "number"),
                                       overdue_condition=overdue_q(today))


def nonconformity_page(*, user, nc: Nonconformity, today: dt.date) -> dict:
    """Everything the nonconformity's page shows, in a fixed number of queries."""
    actions = list(nc.actions.select_related("owner").order_by("cycle", "due_date", "id"))
    for action in actions:
        action.is_overdue = nc.is_open and workflow.action_is_overdue(action, today)
    can_write = access.can_write_agency(user, nc.agency)
    verify_problems = workflow.verify_problems(nc=nc, actor=user, actions=actions) if can_write else []
    return {
        "actions": actions,
        "is_overdue": any(a.is_overdue for a in actions),
        "verifications": list(nc.verifications.all()),
        "steps": list(nc.steps.select_related("actor")),
        "next_steps": workflow.next_steps(nc=nc, user=user, actions=actions),
        "can_write": can_write and nc.is_open,
        "can_edit_root_cause": can_write and nc.state in workflow.ROOT_CAUSE_STATES,
        "can_add_action": can_write and nc.state in workflow.ACTION_EDIT_STATES,
        "can_complete_actions": can_write and nc.state in workflow.ACTION_DONE_STATES,
        "can_reopen_actions": can_write and nc.state in (State.ACTION_PLAN, State.IN_PROGRESS) and nc.cycle > 1,
        "can_delete_actions": can_write and nc.state in (State.ANALYSED, State.ACTION_PLAN),
        "awaiting_verification": nc.state == State.AWAITING_VERIFICATION and can_write,
        "verify_problems": verify_problems,
        "has_root_cause": workflow.has_root_cause(nc),
    }
