"""Reads of the agency registry, always within what the given user may see."""
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from isogov.accounts import access
from isogov.core.text import fold
from isogov.registry.models import Agency, AgencyStatus, QmsState, Tier


@dataclass(frozen=True)
class AgencyFilters:
    q: str = ""
    tier: str = ""
    state: str = ""
    mandatory: str = ""  # "yes", "no" or ""
    status: str = AgencyStatus.ACTIVE  # "" means every status


def agency_list(*, user, filters: AgencyFilters) -> QuerySet[Agency]:
    qs = access.agencies_readable(user).select_related("tier", "parent")
    if filters.q:
        for word in fold(filters.q).split():
            qs = qs.filter(search_text__contains=word)
    if filters.tier:
        qs = qs.filter(tier__code=filters.tier)
    if filters.state:
        qs = qs.filter(qms_state=filters.state)
    if filters.mandatory in ("yes", "no"):
        qs = qs.filter(mandatory=filters.mandatory == "yes")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("tier__rank", "path")


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
