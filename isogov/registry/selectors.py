"""Reads of the agency registry, always within what the given user may see."""
from django.db.models import Count, QuerySet

from isogov.accounts import access
from isogov.qms.states import QmsState
from isogov.registry.filters import AgencyFilter
from isogov.registry.models import Agency, Tier


def agency_list(*, user, data=None, tiers=()) -> AgencyFilter:
    """The agencies the user may read, filtered by the list's query `data` (filters.AgencyFilter): its
    `.form` to show, its `.qs` to list; `tiers` are the tier filter's choices, read once by the caller."""
    qs = access.agencies_readable(user).select_related("tier", "parent").order_by("tier__rank", "path")
    return AgencyFilter(data, queryset=qs, tiers=tiers)


def state_counts(qs: QuerySet[Agency]) -> list[dict]:
    """Agencies per QMS state in one aggregate query, every state listed even when its count is 0."""
    found = dict(qs.order_by().values_list("qms_state").annotate(n=Count("id")))
    return [{"state": s.value, "label": s.label, "count": found.get(s.value, 0)} for s in QmsState]


def tiers() -> QuerySet[Tier]:
    return Tier.objects.all()


def agency_detail(*, user, code: str) -> Agency:
    return access.access_agency(user, code)


def children_of(*, user, agency: Agency) -> QuerySet[Agency]:
    return access.agencies_readable(user).filter(parent=agency).select_related("tier").order_by("code")
