"""Reads of the audit trail, always within what the given user may see; presentation.py makes them readable."""
import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from isogov.accounts import access
from isogov.audit.models import AuditEvent
from isogov.registry.models import Agency


@dataclass(frozen=True)
class EventFilters:
    person: str = ""  # a username, as kept in actor_name
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    action: str = ""
    object_type: str = ""  # a model label, e.g. "registry.agency"
    agency: Agency | None = None  # already checked with access.access_agency
    include_units: bool = False


def _local_midnight(day: dt.date) -> dt.datetime:
    # Days are the province's days: an event at 23:30 on 01/03 in Hà Nội time is on 01/03, not 02/03 UTC.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def event_list(*, user, filters: EventFilters) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.filter(access.audit_scope_q(user)).select_related("agency", "actor")
    if filters.person:
        qs = qs.filter(actor_name__iexact=filters.person.strip())
    if filters.date_from:
        qs = qs.filter(at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_local_midnight(filters.date_to + dt.timedelta(days=1)))
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.agency is not None:
        if filters.include_units:
            qs = qs.filter(agency__path__startswith=filters.agency.path)
        else:
            qs = qs.filter(agency=filters.agency)
    return qs.order_by("-at", "-id")


def object_type_choices() -> list[tuple[str, str]]:
    """The project's own models, named as people know them; no query, so the page cost stays flat."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("isogov.") or config.label == "audit":
            continue
        for model in config.get_models():
            found.append((model._meta.label_lower, capfirst(str(model._meta.verbose_name))))
    return sorted(found, key=lambda pair: pair[1])
